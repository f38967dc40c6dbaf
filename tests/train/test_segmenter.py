"""End-to-end segmenter training on a tiny hand-written corpus; pruning; user-dict audit."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import spacy

from pipeline.nlp import tokenizer as tk
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
