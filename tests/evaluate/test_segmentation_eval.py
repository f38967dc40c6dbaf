"""The segmentation scorer: span matching, OOV recall, refusal to score altered text."""

from __future__ import annotations

import pytest

from pipeline.evaluate import segmentation as ev


def test_score_lines_counts():
    gold = [["市委", "召开", "会议"], ["增长", "7.5%"]]
    chars = lambda text: list(text)  # noqa: E731
    score = ev.score_lines("char", "toy", gold, chars, vocab={"市委", "召开", "会议"})
    assert (score.gold, score.pred) == (5, 4 + 2 + 2 + 4)
    assert score.correct == 0
    assert score.oov == 2 and score.oov_recall == 0.0
    listed = ev.score_lines("char", "toy", gold, chars, vocab=set(), listed={"市委", "7.5%"})
    assert listed.listed_oov == 3 and listed.listed_oov_recall == 0.0
    perfect = ev.score_lines("gold", "toy", gold, {"".join(w): w for w in gold}.get, set())
    assert perfect.f1 == 100.0 and perfect.oov_recall == 100.0


def test_altered_text_is_rejected():
    with pytest.raises(ValueError):
        ev.score_lines("bad", "toy", [["市委"]], lambda t: ["市"], set())


def test_table_format():
    score = ev.Score("baokan", "PKU test", gold=10, pred=10, correct=9, chars=100, seconds=0.01)
    table = ev.format_table([score])
    assert "PKU test" in table and "90.00" in table and "10,000" in table
