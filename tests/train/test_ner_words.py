"""Word-token NER: conversion to word Docs, 2-step runs of both stages, and the evaluator."""

from __future__ import annotations

import gzip
from collections import Counter
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

from pipeline.train import ner_words
from pipeline.train.ner_data import Sentence

TRAIN = [("张明昨天到了温州。", "B-PER I-PER O O O O B-LOC I-LOC O"),
         ("王五到了温州市。", "B-PER I-PER O O B-LOC I-LOC O O"),  # segmented 王|五到|…|温州市
         ("测试句子重复。", "O O O O O O O")]


def _fake_corpora(root: Path) -> Path:
    for folder in ("msra_ner", "peoples_daily_ner", "sighan2005_cws", "pfr1998_pos"):
        (root / folder).mkdir(parents=True)
    with gzip.open(root / "msra_ner/msra_train_bio.tsv.gz", "wt", encoding="utf-8") as handle:
        for text, tags in TRAIN:
            handle.write("".join(f"{c}\t{t}\n" for c, t in zip(text, tags.split(), strict=True)))
            handle.write("\n")
    test = "".join(f"{c}\tO\n" for c in "测试句子重复。") + "\n"
    (root / "msra_ner/msra_test_bio.tsv").write_text(test, encoding="utf-8")
    (root / "peoples_daily_ner/example.dev").write_text("甲 O\n\n", encoding="utf-8")
    (root / "peoples_daily_ner/example.test").write_text("李 B-PER\n明 I-PER\n\n", encoding="utf-8")
    with gzip.open(root / "pfr1998_pos/199801.utf8.txt.gz", "wt", encoding="utf-8") as handle:
        handle.write("1/m  市委/n  开会/v  。/w  李/nr  明/nr  讲话/v  。/w\n")
    return root


def test_unaligned_entities_get_missing_annotation() -> None:
    counts: Counter = Counter()
    text = "北京市委开会。"
    words = ["北京", "市委", "开会", "。"]
    doc = Doc(spacy.blank("zh").vocab, words=words, spaces=[False] * len(words))
    assert doc.text == text
    ner_words.annotate(doc, Sentence(text, [(0, 2, "LOC"), (2, 3, "ORG")]), counts)
    assert [t.ent_iob_ for t in doc] == ["B", "", "O", "O"]
    assert counts == Counter(LOC_total=1, ORG_total=1, ORG_unaligned=1)


def test_convert_train_and_evaluate(tmp_path: Path) -> None:
    from pipeline.evaluate.ner import load_test, run_system, word_model

    corpora = _fake_corpora(tmp_path / "corpora")
    stats = ner_words.convert(corpora, tmp_path / "data", dev_fraction=0.0)
    assert stats["msra_removed"] == 1 and stats["train"] == 4
    assert stats["alignment"] == {"LOC_total": 2, "LOC_unaligned": 1, "PER_total": 3,
                                  "PER_unaligned": 1}
    docs = list(DocBin().from_disk(tmp_path / "data/train.spacy").get_docs(
        spacy.blank("zh").vocab))
    assert any(len(token) > 1 for doc in docs for token in doc)  # word tokens, not chars
    found = {(e.text, e.label_) for doc in docs for e in doc.ents}
    assert found == {("张明", "PER"), ("温州", "LOC"), ("李明", "PER")}
    ner_words.train(tmp_path / "data", tmp_path / "run", {
        "paths.dev": str(tmp_path / "data/train.spacy"), "training.max_steps": 2,
        "training.eval_frequency": 1,
        "components.tok2vec.model.embed.rows": [50, 50, 50, 10]})
    stage2 = {"paths.base_model": str(tmp_path / "run/model-best"),
              "paths.dev": str(tmp_path / "data/train.spacy"), "training.max_steps": 2,
              "training.eval_frequency": 1}
    ner_words.train(tmp_path / "data", tmp_path / "finetune", stage2, ner_words.FINETUNE_CONFIG)
    nlp = spacy.load(tmp_path / "finetune/model-best")
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert nlp.vocab.lex_attr_getters[spacy.attrs.SUFFIX]("温州市") == "市"
    predict = word_model(tmp_path / "finetune/model-best")
    pd = run_system(predict, load_test(corpora, "peoples_daily_test"))
    assert pd["scores"]["PER"]["gold"] == 1 and pd["chars_per_s"] > 0
