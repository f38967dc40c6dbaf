"""NER corpus conversion on tiny hand-written fixtures."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from pipeline.train import ner_data
from pipeline.train.ner_data import Sentence


def _ents(sentence: Sentence) -> list[tuple[str, str]]:
    return [(sentence.text[s:e], label) for s, e, label in sentence.spans]


def test_pfr_line_brackets_names_and_width() -> None:
    line = ("19980203-02-003-001/m  [湖南省/ns  教育/n  厅/n]nt  厅长/n  欧阳/nr  明远/nr  "
            "视察/v  长沙/ns  ，/w  [中国/ns  宪法/n]nz  １２/m  条/q")
    sentence = ner_data.parse_pfr_line(line)
    assert sentence is not None
    assert sentence.text == "湖南省教育厅厅长欧阳明远视察长沙,中国宪法12条"
    assert _ents(sentence) == [("湖南省教育厅", "ORG"), ("欧阳明远", "PER"), ("长沙", "LOC"),
                               ("中国", "LOC")]


def test_pfr_separate_names_stay_separate() -> None:
    sentence = ner_data.parse_pfr_line("1/m  王/nr  林/nr  、/w  赵/nr  平/nr  到/v  达/v")
    assert _ents(sentence) == [("王林", "PER"), ("赵平", "PER")]


def test_bio_and_bmes_spans() -> None:
    assert ner_data.bio_spans(["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-LOC"]) == [
        (0, 2, "PER"), (3, 4, "LOC"), (4, 6, "LOC")]
    assert ner_data.bio_spans(["S-ORG", "B-PER", "M-PER", "E-PER", "O"]) == [
        (0, 1, "ORG"), (1, 4, "PER")]


def test_read_bio_and_split_sentences(tmp_path: Path) -> None:
    path = tmp_path / "bio.tsv"
    chars = "张三去杭州。李四在家!"
    tags = ["B-PER", "I-PER", "O", "B-LOC", "I-LOC", "O", "B-PER", "I-PER", "O", "O", "O"]
    path.write_text("".join(f"{c}\t{t}\n" for c, t in zip(chars, tags, strict=True)) + "\n")
    [unit] = list(ner_data.read_bio(path, "\t"))
    parts = ner_data.split_sentences(unit)
    assert [p.text for p in parts] == ["张三去杭州。", "李四在家!"]
    assert _ents(parts[1]) == [("李四", "PER")]


def _fake_corpora(root: Path) -> Path:
    (root / "msra_ner").mkdir(parents=True)
    (root / "peoples_daily_ner").mkdir()
    (root / "sighan2005_cws").mkdir()
    (root / "pfr1998_pos").mkdir()
    train = [("王五到了温州。", "B-PER I-PER O O B-LOC I-LOC O"),
             ("测试句子重复。", "O O O O O O O")]
    with gzip.open(root / "msra_ner/msra_train_bio.tsv.gz", "wt", encoding="utf-8") as handle:
        for text, tags in train:
            handle.write("".join(f"{c}\t{t}\n" for c, t in zip(text, tags.split(), strict=True)))
            handle.write("\n")
    (root / "msra_ner/msra_test_bio.tsv").write_text(
        "".join(f"{c}\tO\n" for c in "测试句子重复。") + "\n", encoding="utf-8")
    (root / "peoples_daily_ner/example.dev").write_text("甲 O\n\n", encoding="utf-8")
    (root / "peoples_daily_ner/example.test").write_text("乙 O\n\n", encoding="utf-8")
    (root / "sighan2005_cws/pku_test_gold.utf8").write_text("市委  开会  。\n", encoding="utf-8")
    with gzip.open(root / "pfr1998_pos/199801.utf8.txt.gz", "wt", encoding="utf-8") as handle:
        handle.write("1/m  市委/n  开会/v  。/w  李/nr  明/nr  讲话/v  。/w\n")
    return root


def test_convert_removes_test_sentences(tmp_path: Path) -> None:
    corpora = _fake_corpora(tmp_path / "corpora")
    stats = ner_data.convert(corpora, tmp_path / "out", dev_fraction=0.0)
    assert stats["msra_total"] == 2 and stats["msra_removed"] == 1
    assert stats["pfr_total"] == 2 and stats["pfr_removed"] == 1
    assert json.loads((tmp_path / "out/stats.json").read_text())["train"] == 2
    docs = list(DocBin().from_disk(tmp_path / "out/train.spacy").get_docs(spacy.blank("zh").vocab))
    found = {(ent.text, ent.label_) for doc in docs for ent in doc.ents}
    assert found == {("王五", "PER"), ("温州", "LOC"), ("李明", "PER")}
    assert all(len(token.text) == 1 for doc in docs for token in doc)


def test_train_command_packages_a_loadable_model(tmp_path: Path) -> None:
    from pipeline.train import ner

    corpora = _fake_corpora(tmp_path / "corpora")
    output = tmp_path / "model"
    overrides = {"training.max_steps": 2, "training.eval_frequency": 1,
                 "components.tok2vec.model.embed.rows": [50, 50, 50, 10]}
    finetune = {"training.max_steps": 2, "training.eval_frequency": 1}
    ner.train(corpora, output, tmp_path / "work", overrides, finetune)
    assert (output / "baokan_scores.json").exists()
    stats = json.loads((output / "training_stats.json").read_text())
    assert stats["stage1_msra_pfr"]["msra_removed"] == 1
    assert stats["stage2_msra"]["train"] + stats["stage2_msra"]["dev"] == 1
    nlp = spacy.load(output)
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert [t.text for t in nlp("王五到温州")] == list("王五到温州")


def test_pfr_lists_of_names_stay_separate_people() -> None:
    sentence = ner_data.parse_pfr_line("1/m  委员/n  :/w  张/nr  明/nr  李/nr  建国/nr  史密斯/nr")
    people = [sentence.text[s:e] for s, e, label in sentence.spans if label == "PER"]
    assert people == ["张明", "李建国", "史密斯"]


def test_read_boson_markup_and_cluener(tmp_path: Path) -> None:
    boson = tmp_path / "boson.txt"
    boson.write_text("{{time:昨天}}{{person_name: 李明}}到{{org_name:青田县农业局}}调研，"
                     "{{location:温州}}客人同行。\n", encoding="utf-8")
    sentence = next(ner_data.read_boson(boson))
    assert sentence.text == "昨天李明到青田县农业局调研,温州客人同行。"
    assert [(sentence.text[a:b], lab) for a, b, lab in sentence.spans] == [
        ("李明", "PER"), ("青田县农业局", "ORG"), ("温州", "LOC")]
    cluener = tmp_path / "cluener.json"
    cluener.write_text(json.dumps({"text": "丽水市委书记到遂昌县", "label": {
        "government": {"丽水市委": [[0, 3]]}, "position": {"书记": [[4, 5]]},
        "address": {"遂昌县": [[7, 9]]}}}, ensure_ascii=False) + "\n", encoding="utf-8")
    sentence = next(ner_data.read_cluener(cluener))
    assert [(sentence.text[a:b], lab) for a, b, lab in sentence.spans] == [
        ("丽水市委", "ORG"), ("遂昌县", "LOC")]
