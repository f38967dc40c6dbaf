"""Reading one number of a sentence: is it a figure, what unit, which qualifier words around it.

Part of the statistics stage (see `statistics.py`); works on character offsets of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.nlp.statistics.context import in_ranges
from pipeline.nlp.statistics.durations import Duration, read_duration
from pipeline.nlp.statistics.numbers import NumberMatch, find_numbers
from pipeline.nlp.statistics.plausible import plausible
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
                if word == "近" and m.unit is not None and m.unit.kind == "duration":
                    qual = None  # 近五年: the last five years, exactly
                if qual and m.qualifier == "exact":
                    m.qualifier = qual
                left, changed = left[: -len(word)], True
                break
    return left.rstrip("了 ")


_RATIO_RE = re.compile(r"(?<![\d.:/])\d+(?:\.\d+)?(?:(?P<sep>[:：∶/])\d+(?:\.\d+)?)"
                       r"(?:(?P=sep)\d+(?:\.\d+)?){0,3}(?![\d.:/])")
_RATIO_CUE = re.compile(r"比例|结构|比")


@dataclass(frozen=True)
class RatioRange:
    """a:b(:c) at text[start:end]; `share` when the parts add up to 100 (7.3:43.9:48.8)."""

    start: int
    end: int
    share: bool


def ratio_ranges(sent: str, offset: int) -> list[RatioRange]:
    """Ratios a:b(:c) and slash lists a/b/c in `sent` (shifted by `offset`), not clock times."""
    out = []
    for m in _RATIO_RE.finditer(sent):
        parts = [float(p) for p in re.split(r"[:：∶/]", m.group(0))]
        if m["sep"] == "/" and len(parts) < 3 or not is_ratio(sent, m):
            continue  # 3/4 is a fraction (see `fraction_at`)
        share = len(parts) >= 2 and all(p > 0 for p in parts) and abs(sum(parts) - 100) <= 1
        out.append(RatioRange(offset + m.start(), offset + m.end(), share))
    return out


def is_ratio(sent: str, m: re.Match) -> bool:
    parts = re.split(r"[:：∶/]", m.group(0))
    before = sent[max(0, m.start() - 14): m.start()]
    if re.search(r"上午|下午|晚上|凌晨|中午|时间|\d月\d+日", before):
        return False
    return len(parts) >= 3 or bool(_RATIO_CUE.search(before))


_RANK_CUE = re.compile(r"(?:居|列|排|位居|位列|排名|排在|名列|跻身|进入|入围)[^，,;；。]{0,12}$")


def read_mention(text: str, s_start: int, nm: NumberMatch, masks, ratios) -> Mention | None:
    """The figure starting at `nm` (offsets into `text`), or None when it is not a statistic."""
    start, end = s_start + nm.start, s_start + nm.end
    number = nm.number
    if in_ranges(start, end, masks) or number.kind == "digits":
        return None
    mention = Mention(nm, start, end, number.value, number.high)
    if number.hint:
        mention.qualifier = number.hint
    for ratio in ratios:
        if ratio.start <= start and end <= ratio.end:
            return _in_ratio(text, s_start, mention, ratio, end)
    prev = text[start - 1] if start > 0 else ""
    if prev and (prev.isascii() and (prev.isalnum() or prev in "._/#") or prev == "每"):
        return None
    if nm.text == "一半" or "/" in nm.text:
        return _read_percent_kind(mention, "fraction") if _share_context(text, start, end) else None
    if number.kind in ("percent", "permille", "fraction", "tenths"):
        if text.startswith("决赛", end):
            return None  # 八分之一决赛: a round, not a share
        return _read_percent_kind(mention, number.kind)
    duration = read_duration(text, start, nm, end)
    if duration is not None:
        return _with_duration(text, mention, duration, end)
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
    if not plausible(text, start, unit_end(text, end, unit), nm, unit):
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


_SHARE_BEFORE = re.compile(r"(?:占|的|有|超过|超|近|约|达|达到|为)$")


def _share_context(text: str, start: int, end: int) -> bool:
    """3/4 and 一半 are shares after 占…的 / 有 / 超过 or before 以上 / 左右."""
    return bool(_SHARE_BEFORE.search(text[max(0, start - 3): start])
                or re.match(r"以上|左右|多", text[end:]))


def _in_ratio(text: str, s_start: int, mention: Mention, ratio: RatioRange, end: int) -> Mention:
    """One part of a ratio (role ratio, no unit) or of a share list (role share, unit %)."""
    mention.end = end
    if ratio.share:
        mention.role, mention.unit, mention.surface_unit = "share", units()["%"], None
    else:
        mention.role, mention.surface_unit = "ratio", ":"
    strip_qualifier(mention, re.sub(r"(?:为|是|达)$", "", text[s_start: ratio.start]))
    return mention


def _with_duration(text: str, mention: Mention, duration: Duration, end: int) -> Mention:
    """约40分钟, 2个半小时 (2.5), 5个多月 (over): a length of time."""
    mention.unit, mention.end = duration.unit, duration.end
    mention.value += duration.extra
    mention.surface_unit = text[end: duration.end].strip()
    if duration.over and mention.qualifier == "exact":
        mention.qualifier = "over"
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

