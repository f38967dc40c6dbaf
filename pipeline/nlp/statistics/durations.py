"""Durations as figures: 约40分钟, 两个多小时, 2个半小时, 5个多月, 历时20年, 30年来, 近五年.

A length of time is a figure with unit 分钟 / 小时 / 天 / 周 / 月 / 年 (as written, 个月 → 月);
a point in time is not (2025年, 10月, 五年前, 第38天, 前10个月, 50周年). Pure functions on the
text and character offsets; `mentions.read_mention` calls `read_duration` before units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.nlp.statistics.numbers import NumberMatch, ParsedNumber
from pipeline.nlp.statistics.units import Unit

# unit spelling after the number → base unit; 个多 / 个半 / 多个 between them are read apart
_BASES = {"分钟": "分钟", "小时": "小时", "钟头": "小时", "个工作日": "工作日", "工作日": "工作日",
          "天": "天", "周": "周", "个星期": "周", "个月": "月", "年": "年"}
_UNIT_RE = re.compile(r"(?P<mid>个多|个半|多个|个)?(?P<unit>分钟|小时|钟头|工作日|天|周|星期|月|年)")
# what may not follow: 年前 (a point in time), 年级, 年代, 10年期国债, 周年, 周边, 天然 …
_NOT_AFTER = {"年": "前后底末初度级代期轻龄货会夜味画华", "周": "年岁边末期围转刊报内", "天": "然津下空地气",
              "分钟": "", "小时": "", "钟头": "", "工作日": "", "月": "前后底末初份", "星期": "一二三四五六日天"}
_CUE_BEFORE = re.compile(r"(?:为期|历时|持续了?|用时|耗时|长达|时长为?|满|仅用|用了?|花了?|过去|近|这|"
                         r"提前|推迟|缩短|延长|晚了?|早了?|"
                         r"连续|未来|今后|此后|之后|再过|已有|已经|有|约|大约|将近|超过|达|共|累计|缩短至|缩短到|"
                         r"延长至|延长到|由|从|为|至|到)$")
_SUFFIX_OK = re.compile(r"(?:来|以来|间|时间|里|内|之久|左右|多|有余)")
_NOT_PREV = "第前每几数"


@dataclass(frozen=True)
class Duration:
    """A length of time read after a number: unit, end offset, added half and 多."""

    unit: Unit
    end: int
    extra: float  # 0.5 for 个半
    over: bool  # 个多 / 多个


def read_duration(text: str, start: int, nm: NumberMatch, end: int) -> Duration | None:
    """The duration whose number `nm` spans text[start:end], or None (dates, ordinals …)."""
    m = _UNIT_RE.match(text, end + 1 if text[end: end + 1] == " " else end)
    if m is None or not _unit_ok(m):
        return None
    word = m["unit"]
    after = text[m.end(): m.end() + 1]
    if after and after in _NOT_AFTER.get(word, ""):
        return None
    if not _number_ok(text, start, nm, m):
        return None
    base = _BASES["个月" if word == "月" else "个星期" if word == "星期" else word]
    mid = m["mid"] or ""
    return Duration(Unit(mid + word, base, 1.0, "duration", None), m.end(),
                    0.5 if mid == "个半" else 0.0, mid in ("个多", "多个"))


def _unit_ok(m: re.Match) -> bool:
    """月 and 星期 count time only with 个 (3个月; 3月 is March); 天 / 年 never take 个."""
    mid, word = m["mid"], m["unit"]
    if word in ("月", "星期"):
        return bool(mid)
    if word in ("天", "年", "周"):
        return not mid
    return True


def _number_ok(text: str, start: int, nm: NumberMatch, m: re.Match) -> bool:
    prev = text[start - 1: start]
    if prev and prev in _NOT_PREV or nm.number.kind != "cardinal" or nm.number.high is not None:
        return False
    if m["unit"] == "年" and _is_year(nm):
        return False
    if nm.number.script == "arabic":
        return True
    return _chinese_ok(text, start, nm, m)


def _is_year(nm: NumberMatch) -> bool:
    digits = nm.text.strip()
    return digits.isdigit() and len(digits) == 4 and 1900 <= int(digits) <= 2100


def _chinese_ok(text: str, start: int, nm: NumberMatch, m: re.Match) -> bool:
    """Chinese numerals count time after a cue (过去五年, 为期三天) or before 来 (十年来);
    一 only when that is explicit; 百年, 千年 and 这两天 are words."""
    before = text[max(0, start - 4): start]
    cue = bool(_CUE_BEFORE.search(before))
    suffix = bool(_SUFFIX_OK.match(text, m.end())) or bool(m["mid"] and "多" in m["mid"])
    if all(ch in "十百千万亿" for ch in nm.text):
        return nm.text == "十" and m["unit"] == "年" and (cue or suffix)
    if re.search(r"这$", before) and nm.text == "两" and m["unit"] == "天":
        return False  # 这两天: "these days"
    if nm.number.value == 1:
        return (cue and not before.endswith(("这", "有"))) or text.startswith("来", m.end())
    if m["unit"] in ("年", "天", "周"):
        return cue or suffix
    return True


_HALF = re.compile(r"(?<![上下前后大多一])半(?=个多?(?:月|小时|钟头)|小时)"
                   r"|(?<=为期|历时|用时|耗时|用了|花了|仅用)半(?=天)")


def half_matches(sentence: str) -> list[NumberMatch]:
    """半个多月, 半个月, 半小时: 0.5 as the number of a duration (the number reader has no 半)."""
    return [NumberMatch(m.start(), m.end(), "半", ParsedNumber(0.5, script="chinese"))
            for m in _HALF.finditer(sentence)]
