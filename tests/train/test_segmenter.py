"""End-to-end segmenter training on a tiny hand-written corpus; pruning; user-dict audit."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import spacy
import srsly

from pipeline.nlp.tokenizer import pkuseg as tk
from pipeline.train import segmenter

FIXTURE = Path(__file__).parent / "fixtures" / "tiny_seg.txt"


def tiny_sentences() -> list[list[str]]:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    return [line.split() for line in lines if line.strip() and not line.startswith("#")]


def test_train_tiny_end_to_end(tmp_path):
    out = tmp_path / "segmenter"
    summary = segmenter.train_segmenter(
        tmp_path / "no_corpora", out, iterations=1, work_dir=tmp_path / "work",
        sentences=tiny_sentences() * 2,
    )
    assert summary["features"] > 100 and len(summary["dev_f1"]) == 1
    assert json.loads((out / "train_info.json").read_text(encoding="utf-8"))["iterations"] == 1
    nlp = spacy.load(out)
    assert isinstance(nlp.tokenizer, tk.BaokanTokenizer)
    doc = nlp("市委召开会议。")
    assert doc.text == "市委召开会议。" and len(doc) >= 3


def test_compiled_crf_scores_equal_pkuseg(tmp_path):
    from spacy_pkuseg import inference

    segmenter.train_segmenter(tmp_path / "none", tmp_path / "m", iterations=2,
                              work_dir=tmp_path / "w", sentences=tiny_sentences() * 2)
    raw = tk.PkusegModel.from_dir(tmp_path / "w" / "pkuseg_raw")
    fast = tk.CompiledCRF.compile(raw)
    texts = [*("".join(s) for s in tiny_sentences()), "市委召开会议2181.2亿元WTO", "a", "元"]
    for text in map(tk.canonical, texts):
        nodes = list(raw.extractor.normalize_text(text))
        assert nodes == tk._nodes(text)
        feats = [raw.extractor.get_node_features_idx(i, nodes) for i in range(len(nodes))]
        node, edge = inference.getLogYY(feats, raw.model.n_tag,
                                        raw.model.n_feature * raw.model.n_tag, raw.model.w, 1.0)
        np.testing.assert_allclose(fast.node_scores(nodes), node, atol=1e-9)
        np.testing.assert_allclose(fast.edge, edge)


def test_prune_keeps_bias_and_drops_small_weights(tmp_path):
    segmenter.train_segmenter(tmp_path / "none", tmp_path / "m", iterations=1,
                              work_dir=tmp_path / "w", sentences=tiny_sentences() * 2)
    model = tk.PkusegModel.from_dir(tmp_path / "w" / "pkuseg_raw")
    pruned = segmenter.prune(model, 0.05)
    assert 0 < len(pruned.extractor.feature_to_idx) < len(model.extractor.feature_to_idx)
    assert min(pruned.extractor.feature_to_idx.values()) == 0
    node = pruned.model.w[: pruned.model.n_tag * pruned.model.n_feature]
    assert np.abs(node.reshape(-1, pruned.model.n_tag)[1:]).max(axis=1).min() >= 0.05
    assert tk.CompiledCRF.compile(pruned).starts(tk.canonical("市委召开会议会议")) is not None


def test_audit_user_dict():
    sents = [["北京", "市委", "召开", "会议"], ["北京市", "召开", "会议"], ["本报", "讯"]]
    audit = segmenter.audit_user_dict(["北京市", "本报讯", "市委"], sents)
    assert audit["北京市"] == (1, 0)
    assert audit["本报讯"] == (0, 1)
    assert audit["市委"] == (1, 0)


DICTIONARY = {"d": ["市委", "常委会", "召开会议", "书记主持", "生产总值", "组织干部", "干部学习会"],
              "dl": ["全市", "县委组织", "市委"]}  # 市委 in both


def test_dictionary_features_train_and_score_like_pkuseg(tmp_path):
    """With an external dictionary: the d.* features are learned, the dictionary is saved
    with the model, and compiled scores equal the training-side (pkuseg-style) features."""
    from spacy_pkuseg import inference

    out = tmp_path / "m"
    summary = segmenter.train_segmenter(tmp_path / "none", out, iterations=2,
                                        work_dir=tmp_path / "w", sentences=tiny_sentences() * 2,
                                        dictionary=DICTIONARY, dropout=0.0)
    assert summary["dictionary_words"] == {"d": 7, "dl": 3}
    raw = tk.PkusegModel.from_dir(tmp_path / "w" / "pkuseg_raw")
    assert raw.dictionary == {f: frozenset(w) for f, w in DICTIONARY.items()}
    assert {"d.B2", "d.E2", "d.B4", "d.M4", "d.E4", "dl.B2", "dl.M4"} <= set(
        raw.extractor.feature_to_idx)
    fast = tk.CompiledCRF.compile(raw)
    assert fast.dict_rows.any()
    reference = segmenter.dict_extractor(raw.dictionary)
    reference.unigram = raw.extractor.unigram
    reference.bigram = set(srsly.read_msgpack(tmp_path / "w" / "pkuseg_raw" / "features.msgpack")["bigram"])
    index = raw.extractor.feature_to_idx
    texts = [*("".join(s) for s in tiny_sentences()), "市委常委会书记主持召开会议干部学习会",
             "全市县委组织召开会议", "元"]
    for text in map(tk.canonical, texts):
        nodes = list(raw.extractor.normalize_text(text))
        feats = [[index[f] for f in reference.get_node_features(i, nodes) if f in index]
                 for i in range(len(nodes))]
        node, _ = inference.getLogYY(feats, raw.model.n_tag,
                                     raw.model.n_feature * raw.model.n_tag, raw.model.w, 1.0)
        np.testing.assert_allclose(fast.node_scores(tk._nodes(text)), node, atol=1e-9)
    nlp = spacy.load(out)
    assert nlp.tokenizer.model.dictionary == {f: sorted(w) for f, w in DICTIONARY.items()}
    restored = tk.BaokanTokenizer(nlp.vocab).from_bytes(nlp.tokenizer.to_bytes())
    assert restored.model.dictionary == nlp.tokenizer.model.dictionary
    assert [t.text for t in restored("市委召开会议。")] == [t.text for t in nlp("市委召开会议。")]


def test_feature_dictionary_families(tmp_path):
    hanlp = tmp_path / "hanlp_dictionaries"
    hanlp.mkdir()
    (hanlp / "custom__人名词典.txt").write_text(
        "张丰收 nr 3\n卡尔·松 nrf 1\n王二 nr 1\n", encoding="utf-8")
    (hanlp / "person__nrf.txt").write_text("库福尔\n", encoding="utf-8")
    (hanlp / "custom__全国地名大全.txt").write_text("芦下镇\n昆明市\n", encoding="utf-8")
    got = segmenter.feature_dictionary(tmp_path, ("dn", "df", "dl"))
    assert got == {"dn": ["张丰收"], "df": ["卡尔", "库福尔"], "dl": ["昆明市", "芦下镇"]}


def test_dict_dropout_hides_a_stable_share_of_words():
    words = frozenset(f"词{chr(0x4e00 + i)}" for i in range(2000))
    kept = segmenter.dict_dropout({"d": words}, 0.5)["d"]
    assert kept < words and 800 < len(kept) < 1200
    assert segmenter.dict_dropout({"d": words}, 0.5)["d"] == kept
    assert segmenter.dict_dropout({"d": words}, 0.0)["d"] == words


def test_dropout_applies_to_training_features_only(tmp_path):
    """The model keeps the whole dictionary (inference uses it all)."""
    segmenter.train_segmenter(tmp_path / "none", tmp_path / "m", iterations=1,
                              work_dir=tmp_path / "w", sentences=tiny_sentences(),
                              dictionary=DICTIONARY, dropout=0.9)
    raw = tk.PkusegModel.from_dir(tmp_path / "w" / "pkuseg_raw")
    assert raw.dictionary == {f: frozenset(w) for f, w in DICTIONARY.items()}
