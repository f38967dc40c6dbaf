"""Reading one number of a sentence: is it a figure, what unit, which qualifier words around it.

Part of the statistics stage (see `statistics.py`); works on character offsets of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.nlp.statistics.context import in_ranges
from pipeline.nlp.statistics.numbers import NumberMatch, find_numbers
from pipeline.nlp.statistics.units import Unit, unit_at, unit_end, units


@dataclass
class Mention:
    """A number being read: its match, unit and what the sentence says about it."""

    match: NumberMatch
    start: int
    end: int
    value: float
    high: float | None
    unit: Unit | None = None
    surface_unit: str | None = None
    qualifier: str = "exact"
    role: str | None = None
    sign: int = 1
    indicator: str | None = None
    fresh: bool = False  # indicator read from its own clause, not inherited
    statement: int = 0
    score: float = 0.9
    group: list[Mention] = field(default_factory=list)  # the 、-list it belongs to
    year: int | None = None  # set by 分别 over a list of years


# A bare number followed by one of these is a date, time, age, ordinal or name, never a figure.
TIME_AFTER = ("年", "月", "日", "号", "时", "点", "分", "秒", "季度", "周", "岁", "世纪", "届",
              "代", "版", "级", "天", "小时", "个月", "个工作日", "星", "楼", "班", "路", "期间",
              "多年", "余年", "后", "型")
_PREFIX_QUAL = [
    ("不少于", "at_least"), ("不低于", "at_least"), ("至少", "at_least"), ("最少", "at_least"),
    ("不超过", "at_most"), ("不高于", "at_most"), ("最多", "at_most"), ("至多", "at_most"),
    ("大约", "approx"), ("约为", "approx"), ("约", "approx"), ("将近", "approx"),
    ("接近", "approx"), ("近", "approx"), ("大概", "approx"), ("左右", "approx"),
    ("超过", "over"), ("超出", "over"), ("超", "over"), ("逾", "over"), ("突破", "over"),
    ("多达", "over"), ("高达", None), ("不到", "under"), ("不足", "under"), ("少于", "under"),
    ("低于", None), ("未满", "under"),
]
_TIME_TAIL = re.compile(
    r"(?:(?:(?:19|20)\d{2}|[一二〇○零三四五六七八九]{4})年(?:底|末)?|最初|现在|去年|上年|今年|"
    r"年初|年底|原来|目前|当前|去年底|上年末|平均|人均|户均)的?$"
)


def strip_qualifier(m: Mention, left: str) -> str:
    """Drop qualifier words (and dates like 2012年的) before a number, noting the qualifier."""
    changed = True
    while changed:
        changed = False
        left = _TIME_TAIL.sub("", left.rstrip(" 了"))
        for word, qual in _PREFIX_QUAL:
            if left.endswith(word):
                if qual and m.qualifier == "exact":
                    m.qualifier = qual
                left, changed = left[: -len(word)], True
                break
    return left.rstrip("了 ")


_RATIO_RE = re.compile(r"(?<![\d.:])\d+(?:\.\d+)?(?:[:：∶]\d+(?:\.\d+)?){1,4}(?![\d.:])")
_RATIO_CUE = re.compile(r"比例|结构|比")


def ratio_ranges(sent: str, offset: int) -> list[tuple[int, int]]:
    """Character ranges of ratios a:b(:c) in `sent` (shifted by `offset`), not clock times."""
    return [(offset + m.start(), offset + m.end()) for m in _RATIO_RE.finditer(sent)
            if is_ratio(sent, m)]


def is_ratio(sent: str, m: re.Match) -> bool:
    parts = re.split(r"[:：∶]", m.group(0))
    before = sent[max(0, m.start() - 14): m.start()]
    if re.search(r"上午|下午|晚上|凌晨|中午|时间|\d月\d+日", before):
        return False
    return len(parts) >= 3 or bool(_RATIO_CUE.search(before))


_RANK_CUE = re.compile(r"(?:居|列|排|位居|位列|排名|排在|名列|跻身|进入|入围)[^，,;；。]{0,8}$")
_CN_SMALL_CUE = re.compile(
    r"(?:共有|共计|累计|新建|建成|新增|开展|举办|完成|培育|引进|实施|组织|签约|招引|创建|评选|获评|入选|"
    r"获得|达到|达|超过|超|近|约|设立|成立|建立|打造|推出|出台|制定|发布|组建|开通|举行|共|有)了?$"
)


def read_mention(text: str, s_start: int, nm: NumberMatch, masks, ratios) -> Mention | None:
    """The figure starting at `nm` (offsets into `text`), or None when it is not a statistic."""
    start, end = s_start + nm.start, s_start + nm.end
    number = nm.number
    if in_ranges(start, end, masks) or number.kind == "digits":
        return None
    prev = text[start - 1] if start > 0 else ""
    if prev and (prev.isascii() and (prev.isalnum() or prev in "._/#") or prev == "每"):
        return None
    mention = Mention(nm, start, end, number.value, number.high)
    if number.hint:
        mention.qualifier = number.hint
    for a, b in ratios:
        if a <= start and end <= b:
            mention.role, mention.surface_unit, mention.end = "ratio", ":", end
            strip_qualifier(mention, re.sub(r"(?:为|是|达)$", "", text[s_start:a]))
            return mention
    if number.kind in ("percent", "permille", "fraction", "tenths"):
        return _read_percent_kind(mention, number.kind)
    unit = unit_at(text, end)
    if unit is None:
        if text.startswith(TIME_AFTER, end):
            return None
        if number.script == "chinese":
            return _rank_without_unit(text, mention) if prev == "第" else None
        unit_before = _unit_before(text, mention)
        if unit_before is not None:
            mention.unit, mention.surface_unit = unit_before, _surface_unit(nm) + unit_before.surface
            mention.score = 0.7
            return mention
        return mention if not text.startswith(("%", "％"), end) else None
    if not _plausible(text, mention, unit):
        return None
    mention.unit = unit
    mention.end = unit_end(text, end, unit)
    mention.surface_unit = _surface_unit(nm) + text[end:mention.end].strip()
    if unit.surface == "个" and re.match(r"[和、与及至到~-]\s*[\d.]+个?百分点", text[end + 1: end + 12]):
        mention.unit = units()["百分点"]  # 高4.5个和1.3个百分点
    if prev == "上" and all(ch in "十百千万亿" for ch in nm.text) and mention.qualifier == "exact":
        mention.qualifier = "over"  # 上千名
    _range_after_unit(text, mention)
    return mention


_RANGE_AFTER = re.compile(r"\s*[至到~\-—–－]\s*")


def _range_after_unit(text: str, mention: Mention) -> None:
    """3%至5%, 3万元至5万元: a range whose two ends both carry the unit."""
    gap = _RANGE_AFTER.match(text, mention.end)
    if gap is None or mention.high is not None or text[mention.start - 1: mention.start] in "从由":
        return
    found = find_numbers(text[gap.end(): gap.end() + 24])
    if not found or found[0].start != 0 or found[0].number.high is not None:
        return
    second = found[0]
    end = gap.end() + second.end
    unit = unit_at(text, end)
    if unit is None or mention.unit is None or unit.surface != mention.unit.surface:
        return
    if second.number.value < mention.value:
        return
    mention.high = second.number.value
    mention.end = unit_end(text, end, unit)


_UNIT_BEFORE = {"人次": "人次", "人口": "人", "人数": "人", "户数": "户"}


def _unit_before(text: str, mention: Mention) -> Unit | None:
    """总诊疗人次101.5亿, 常住人口1.2万: the unit is in the indicator before a scaled number."""
    if mention.match.number.multiplier == 1:
        return None
    before = text[max(0, mention.start - 4): mention.start]
    before = re.sub(r"(?:为|是|达到|达|约|近|超过|超)$", "", before)
    for word, unit in _UNIT_BEFORE.items():
        if before.endswith(word):
            return units()[unit]
    return None


def _read_percent_kind(mention: Mention, kind: str) -> Mention:
    table = units()
    if kind == "permille":
        mention.unit, mention.surface_unit = table["‰"], "千分之"
    elif kind == "fraction":
        mention.unit, mention.surface_unit = table["%"], "分之"
        mention.value = mention.value * 100
    else:
        mention.unit = table["%"]
        mention.surface_unit = "百分之" if kind == "percent" else "成"
    return mention


def _rank_without_unit(text: str, mention: Mention) -> Mention | None:
    """第3 after 居/列/排: a rank without 位/名."""
    before = text[max(0, mention.start - 10): mention.start - 1]
    if _RANK_CUE.search(before):
        mention.role = "rank"
        mention.surface_unit = None
        return mention
    return None


def _surface_unit(nm: NumberMatch) -> str:
    """The multiplier as written (亿 of 2181.2亿, 万 of 一千二百万)."""
    tail = ""
    for ch in reversed(nm.text):
        if ch in "十百千万亿萬億" and nm.number.script != "chinese" or ch in "万亿萬億":
            tail = ch + tail
        elif ch in "余多":
            continue
        else:
            break
    return tail if nm.number.script != "chinese" or tail != nm.text else tail


def _plausible(text: str, mention: Mention, unit: Unit) -> bool:
    """Reject numbers inside words: 一张蓝图, 八项规定, 千家万户, 第一线."""
    nm = mention.match
    prev = text[mention.start - 1] if mention.start > 0 else ""
    if prev == "第" and unit.kind not in ("people", "count"):
        return False
    if nm.number.script != "chinese":
        return True
    if all(ch in "十百千万亿萬億" for ch in nm.text):
        return unit.surface in ("名", "人", "人次") and not (prev and prev in "数几成家千百万亿")
    if len(nm.text) == 1 and unit.kind not in ("count", "people") and prev != "第":
        return bool(_CN_SMALL_CUE.search(text[max(0, mention.start - 8): mention.start]))
    if unit.kind in ("count", "people") and mention.value < 10 and prev != "第":
        before = text[max(0, mention.start - 8): mention.start]
        return bool(_CN_SMALL_CUE.search(before)) and unit.surface not in ("个", "次", "种", "方")
    return True
