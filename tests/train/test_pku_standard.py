"""Moving PFR-style segmentation to the SIGHAN 2005 PKU standard, on a corpus fixture."""

from __future__ import annotations

from pathlib import Path

from pipeline.train import pku_standard

LISTED = ["我们", "提出", "提", "出", "更", "是", "知识产权", "保护", "重要", "三年", "三", "年",
          "了", "新", "办法", "的", "问题", "这", "工作", "他", "又"]
PFR = [
    ["我们", "提出", "了", "新", "办法", "。"],  # sample lines, re-segmented there
    ["我们", "提出", "办法", "。"],
    ["他", "又", "提出", "了", "问题", "。"],
    ["这", "更是", "重要", "的", "。"],
    ["知识", "产权", "保护", "更是", "重要", "。"],
    *[["三", "年", "工作", "。"]] * 5,
]


def _corpora(tmp_path: Path) -> Path:
    root = tmp_path / "corpora"
    (root / "sighan2005_cws" / "partial_training").mkdir(parents=True)
    (root / pku_standard.WORD_LIST).write_text("\n".join(LISTED) + "\n", encoding="utf-8")
    (root / pku_standard.SAMPLE).write_text("我们  提  出  了  新  办法  。\n我们  提  出  办法  。\n", encoding="utf-8")
    return root


def test_conversion_follows_the_word_list_and_the_sample(tmp_path: Path) -> None:
    conversion = pku_standard.learn(_corpora(tmp_path), PFR)
    converted = [conversion.apply(words) for words in PFR]
    assert converted[0] == ["我们", "提", "出", "了", "新", "办法", "。"]  # the sample line
    assert converted[2] == ["他", "又", "提", "出", "了", "问题", "。"]  # as the sample splits
    assert converted[3] == ["这", "更", "是", "重要", "的", "。"]  # 更是 is not a SIGHAN word
    assert converted[4][:2] == ["知识产权", "保护"]  # a rare join to a SIGHAN word
    assert converted[5] == ["三", "年", "工作", "。"]  # frequent, unseen in the sample: kept
    assert conversion.counts["sample lines"] == 2 and conversion.counts["joins"] == 1


def test_full_width_text_keeps_its_characters(tmp_path: Path) -> None:
    conversion = pku_standard.learn(_corpora(tmp_path), PFR)
    assert conversion.apply(["这", "更是", "１９９８年", "。"]) == ["这", "更", "是", "１９９８年", "。"]
