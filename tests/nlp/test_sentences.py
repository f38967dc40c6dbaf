"""Rule sentence splitter (texts written for these tests)."""

from __future__ import annotations

import spacy

from pipeline.nlp import sentences


def _sentences(text: str) -> list[str]:
    nlp = spacy.blank("zh")
    nlp.add_pipe("baokan_sentences")
    return [sent.text for sent in nlp(text).sents]


def test_terminal_punctuation_and_closing_quotes() -> None:
    assert _sentences("他说:“好。”大家鼓掌!会议结束") == ["他说:“好。”", "大家鼓掌!", "会议结束"]


def test_newline_starts_a_sentence() -> None:
    assert _sentences("标题\n正文第一句。") == ["标题\n", "正文第一句。"]


def test_sentence_starts_per_token() -> None:
    tokens = ["”", "好", "。", "”", "”", "对", "\n", "是"]
    assert sentences.sentence_starts(tokens) == [0, 1, -1, -1, -1, 1, -1, 1]


def test_empty_doc() -> None:
    assert _sentences("") == []
