"""Corpus readers, normalization and the test-set dedup filter."""

from __future__ import annotations

import pytest

from pipeline.paths import CORPORA
from pipeline.train import corpora

needs_corpora = pytest.mark.skipif(not CORPORA.exists(), reason="../shared/corpora absent")


def test_parse_pfr_line_strips_tags_and_keeps_groups():
    line = "19990101-02-003-004/m  [丽水/ns  市委/n]nt  召开/v  会议/n  ，/w  ７月/t  。/w  "
    para = corpora.parse_pfr_line(line)
    assert para.pid == "19990101-02-003-004"
    assert para.words == ["丽水", "市委", "召开", "会议", "，", "７月", "。"]
    assert para.tokens[0] == ("丽水", "ns")
    assert para.groups == [(0, 2, "nt")]
    assert corpora.parse_pfr_line("   \n") is None


def test_widths():
    assert corpora.to_halfwidth("２０２５年ＡＢ，（１）") == "2025年AB,(1)"
    assert corpora.to_fullwidth("2025AB") == "２０２５ＡＢ"
    assert corpora.dedup_key("２０２５年 ＡＢ。") == corpora.dedup_key("2025年AB。")


def test_split_sentences_keeps_closing_quotes():
    words = ["他", "说", "：", "“", "好", "。", "”", "大家", "笑", "了", "！", "然后"]
    out = corpora.split_sentences(words)
    assert out == [["他", "说", "：", "“", "好", "。", "”"], ["大家", "笑", "了", "！"], ["然后"]]


def test_dedup_drops_test_sentences():
    keys = {"set_a": {corpora.dedup_key("市委召开全体会议。")}}
    report = corpora.DedupReport()
    sents = [["市委", "召开", "全体", "会议", "。"], ["会议", "结束", "。"]]
    kept = list(corpora.dedup_sentences(sents, keys, report))
    assert kept == [["会议", "结束", "。"]]
    assert (report.kept, report.dropped, report.by_test_set) == (1, 1, {"set_a": 1})


def test_read_char_bio(tmp_path):
    path = tmp_path / "bio.txt"
    path.write_text("丽\tB-LOC\n水\tI-LOC\n好\tO\n\n市 O\n委 O\n", encoding="utf-8")
    assert list(corpora.read_char_bio(path)) == ["丽水好", "市委"]


@needs_corpora
def test_real_corpora_read():
    first = next(corpora.read_pfr(CORPORA))
    assert first.pid.startswith("199801") and first.words
    assert all("/" not in w for w in first.words)
    assert sum(1 for _ in corpora.read_sighan_gold(CORPORA, "pku")) == 1944
    assert sum(1 for _ in corpora.read_ctb6(CORPORA, "test")) == 1975
    assert next(corpora.read_sxu(CORPORA, "test"))


@needs_corpora
def test_test_keys_cover_all_test_sets():
    keys = corpora.test_sentence_keys(CORPORA)
    assert {"sighan_pku_test", "sighan_msr_test", "ctb6_test"} <= set(keys)
    assert any("msra" in name for name in keys)
    assert all(len(v) > 1000 for v in keys.values())
