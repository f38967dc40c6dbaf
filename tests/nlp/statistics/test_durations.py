"""Durations are figures (issue 21); points in time, ordinals and words are not."""

from __future__ import annotations

import pytest

from pipeline.nlp.statistics.component import extract


@pytest.mark.parametrize(("text", "surface", "value", "unit", "role", "qualifier"), [
    ("会议历时约40分钟。", "40分钟", 40, "分钟", "level", "approx"),
    ("会议持续两个多小时。", "两个多小时", 2, "小时", "level", "over"),
    ("行程约2小时左右。", "2小时", 2, "小时", "level", "approx"),
    ("工程已连续施工5个多月。", "5个多月", 5, "月", "level", "over"),
    ("历时20年，长汀县累计治理水土流失面积187.6万亩。", "20年", 20, "年", "level", "exact"),
    ("30年来，黄杜村从一片荒山发展成茶村。", "30年", 30, "年", "level", "exact"),
    ("全市近五年累计新增城镇就业19.6万人。", "五年", 5, "年", "level", "exact"),
    ("本届菜博会为期一个月。", "一个月", 1, "月", "level", "exact"),
    ("白茶开采已有半个多月。", "半个多月", 0.5, "月", "level", "over"),
    ("运行时间将从2个半小时缩短至1个小时左右。", "2个半小时", 2.5, "小时", "from", "exact"),
    ("力争到2027年，再用3年时间建成示范区。", "3年", 3, "年", "level", "exact"),
    ("目标是今后五年新增各类人才3至5万人。", "五年", 5, "年", "level", "exact"),
])
def test_durations(text, surface, value, unit, role, qualifier) -> None:
    rows = [r for r in extract(text) if r.text == surface]
    assert [(r.value, r.unit, r.role, r.qualifier) for r in rows] == [(value, unit, role, qualifier)]


@pytest.mark.parametrize("text", [
    "五年前，触觉传感器还是难题。", "今年前10个月，我国外贸增长。", "这两天，游客明显增多。",
    "同一天，双方举行会谈。", "建党百年之际。", "纪念抗战胜利80周年。", "停摆进入第38天。",
    "实施三年行动计划。", "几十年来，村里变化很大。", "2025年以来，全市持续发力。",
    "10年期国债收益率走高。", "明年4月完工。", "连续第6个月扩大。",
])
def test_not_durations(text: str) -> None:
    assert [r.text for r in extract(text)] == []
