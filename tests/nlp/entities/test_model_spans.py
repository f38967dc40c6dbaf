"""The NER models' spans as candidates: choosing between the two models, splitting, trimming
and mending their slips (pipeline/nlp/entities/model_spans.py; texts written for these tests)."""

from __future__ import annotations

import pytest
import spacy

from pipeline.nlp.entities import model_spans, ner_models, rules


def test_model_spans_are_split_and_trimmed() -> None:
    def parts(text: str) -> list[str]:
        return [text[a:b] for a, b in model_spans.split_on_space(text, 0, len(text))]

    assert parts("王一 李二") == ["王一", "李二"]
    assert parts("“三江口”") == ["三江口"]
    assert parts("省委“") == ["省委"]
    assert parts("《人民日报》社") == ["《人民日报》社"]
    assert parts("某某小学第三届“春蕾") == []
    assert parts("青田县第二中学第十二") == ["青田县第二中学"]
    assert parts("第十二") == ["第十二"]


def test_model_spans_from_either_model_or_both() -> None:
    """Both models: word-model ORG, character-model PER/LOC outside them, then either
    model's other spans where nothing is; one model: its own."""
    doc = spacy.blank("zh")("王明到丽水学院调研中国经济,市文联参加。")
    char = [(0, 2, "PER", 0.9), (3, 5, "LOC", 0.9), (3, 7, "ORG", 0.8), (9, 13, "ORG", 0.8),
            (14, 17, "ORG", 0.8)]
    word = [(0, 2, "PER", 0.7), (3, 7, "ORG", 0.85), (9, 11, "LOC", 0.9)]
    doc.user_data[ner_models.MODEL_KEY] = char
    doc.user_data[ner_models.WORD_MODEL_KEY] = word
    assert model_spans.model_spans(doc) == [(0, 2, "PER", 0.9), (3, 7, "ORG", 0.85),
                                         (9, 11, "LOC", 0.9), (14, 17, "ORG", 0.8)]
    del doc.user_data[ner_models.MODEL_KEY]
    assert model_spans.model_spans(doc) == word
    doc.user_data[ner_models.MODEL_KEY] = char
    del doc.user_data[ner_models.WORD_MODEL_KEY]
    assert model_spans.model_spans(doc) == char


@pytest.mark.parametrize("text, spans, expected", [
    ("宣传部长王纲到温州调研,走访余村党支部。", [(4, 7, "PER"), (14, 19, "LOC")],
     [("王纲", "PER"), ("余村党支部", "ORG")]),
    ("传达学习省委十五届七次全会精神,市委第三届委员会。", [(4, 9, "ORG"), (16, 21, "ORG")],
     [("省委", "ORG"), ("市委", "ORG")]),                  # session number after the organ
    ("中共二十届四中全会", [(0, 4, "ORG")], [("中共", "ORG")]),  # the model stopped before 届
    ("李强受邀出席。", [(0, 3, "PER")], [("李强", "PER")]),   # took the next word
    ("敖德萨州遭袭,陈贵州说。", [(0, 4, "PER"), (7, 10, "PER")],
     [("敖德萨州", "LOC"), ("陈贵州", "PER")]),             # four characters ending in 州
])
def test_model_slips_are_mended(text, spans, expected) -> None:
    model = [rules.Candidate(start, end, label, "model", 0.9)
             for start, end, label in spans]
    model_spans.mend_model_spans(model, text)
    assert [(text[c.start:c.end], c.label) for c in model] == expected


def test_model_organisation_loses_a_verb_before_a_rule_organ() -> None:
    text = "将联合市发展改革委推进治理,中国国务院发布通知。"
    model = [rules.Candidate(1, 9, "ORG", "model", 0.9),     # 联合市发展改革委
             rules.Candidate(14, 19, "ORG", "model", 0.9)]   # 中国国务院
    found = [rules.Candidate(3, 9, "ORG", "rule", 1.0),      # 市发展改革委
             rules.Candidate(16, 19, "ORG", "rule", 1.0)]    # 国务院
    model_spans.trim_word_prefixes(model, found, text)
    assert [text[c.start:c.end] for c in model] == ["市发展改革委", "中国国务院"]
