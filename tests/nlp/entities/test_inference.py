"""pipeline.nlp.inference: the shipped NER models prepared for inference give the same spans."""

from __future__ import annotations

import pytest
import spacy

from pipeline.nlp.entities import (
    char_features,  # noqa: F401  (registries)
    inference,  # noqa: F401  (registries)
    ner_models,
)
from pipeline.nlp.entities import component as entities  # noqa: F401  (registries)
from pipeline.train import ner_words

TEXTS = [
    "市委书记陈明华昨天在青田县调研，县委副书记林晓东陪同。",
    "浙江大学与丽水市人民政府签署合作协议，副市长吴海燕出席。",
    "记者从市发改委获悉，今年一季度全市生产总值增长6.1%。",
    "国务院总理会见了来访的法国外长，双方就中法关系交换了意见。",
]


def spans(docs) -> list[list[tuple[int, int, str]]]:
    return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in docs]


def char_docs(model, texts):
    return [model.tokenizer(text) for text in texts]


def word_docs(model, texts):
    segment = ner_words.segmenter()
    return [ner_words.word_doc(model.vocab, segment(text)) for text in texts]


@pytest.mark.parametrize("path, make_docs", [(ner_models.NER_DIR, char_docs),
                                             (ner_models.WORD_NER_DIR, word_docs)])
def test_prepared_model_predicts_the_same(path, make_docs):
    if not (path / "config.cfg").exists():
        pytest.skip(f"no model in {path}")
    plain = spacy.load(path)
    prepared = inference.prepare(spacy.load(path))
    expected = spans(plain.pipe(make_docs(plain, TEXTS)))
    got = spans(prepared.pipe(make_docs(prepared, TEXTS)))
    assert got == expected
    assert any(expected), "the texts should hold entities for the comparison to mean something"
    assert "tok2vec" not in prepared.pipe_names and "tok2vec" in plain.pipe_names


def test_prepared_layers_use_numpy_matrix_products():
    if not (ner_models.NER_DIR / "config.cfg").exists():
        pytest.skip("no character model")
    model = inference.prepare(spacy.load(ner_models.NER_DIR))
    nodes = list(model.get_pipe("ner").model.walk())
    assert nodes and all(node.ops is inference.numpy_ops() for node in nodes)
    assert inference.numpy_ops().use_blis is False


def test_inline_tok2vec_without_a_shared_tok2vec_is_a_no_op():
    blank = spacy.blank("zh")
    inference.inline_tok2vec(blank)
    assert blank.pipe_names == []
