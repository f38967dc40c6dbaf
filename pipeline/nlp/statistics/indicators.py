"""The indicator of a figure: the noun phrase it measures (地区生产总值, 城镇居民人均可支配收入),
read from the clause before it or the noun after a count (20名企业职工); 分别 lists split into
one indicator per item. Pure functions on strings; `component.py` calls them per figure.
"""

from __future__ import annotations

import re

from pipeline.nlp.statistics.context import NAMED_PLACE, SUBJECT_WORDS, TIME_WORDS

_LEAD_STRIP = re.compile(
    rf"^(?:{TIME_WORDS}|{SUBJECT_WORDS}|每[十百千万]?(?:人口|人|名|户)?|其中|其|此外|另外|将|该(?:市|县|区|镇|乡|村)?|这|此|共|累计|全部|总共|合计|均|都|已|已经|并|而|和|及|与|"
    r"实现|完成|共有|拥有|有|在|对|据|经|通过|为|新世纪|连续|进一步|同比|平均|年均|首次|分别|，|,|、|\s)+"
)
_TAIL_STRIP = re.compile(
    r"(?:分别|平均|人均|户均|年均|均|都|已|共计|共|累计|合计|总计|约为|约|大约|将近|接近|近|超过|超出|超|逾|多达|高达|达到了|达到|达|"
    r"突破|跨越|为|是|实现了|实现|完成了|完成|有|计|已达|已经|仅|只有|稳定在|保持在|控制在|提高到|提升到|"
    r"增加到|增长到|下降到|减少到|降低到|缩小到|扩大到|上升到|降至|增至|升至|提高至|下降至|减少至|"
    r"从|由|到|至|了|比上年|较上年|比去年|同比|比|较|上年|去年|同期|增长|增加|下降|减少|提高|提升|上升|回落|"
    r"降低|下滑|扩大|缩小|占比|占|不到|不足|不少于|至少|最多|不超过|以上|左右|的|，|,|\s|"
    rf"每年|每月|每人|每户|每天|连续|首次|成功|力争|争取|预计|计划|确保|将|要|发展|调整|优化|变|和|与|及|、|前|跻身|位居|位列|居|排名|排在|名列|进入|入围|第|{SUBJECT_WORDS})+$"
)
_CJK = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_BAD_INDICATOR = re.compile(r"^(?:同比|比上年|全年|今年|累计|增长|下降|提高|其中|分别|年均|平均)$")
_RIGHT_STOP = re.compile(
    r"[的在和与及等是为将把被从向对，,。;；、:：!！?？()（）\s]|参加|参与|获得|完成|实现|开工|竣工|签约|"
    r"落地|入选|投产|建成|通过|受益|走进|来到|正在|共同|纳入|获评|进入|开展|接受|集中|累计|分别|共|达|"
    r"提供|达成|带动|吸引|进行|参会|实施|发放|创造|推出|到场|左右|以上|以下|以内|上下|多|余|\d"
)
_QUOTE_CHARS = "“”\"‘’「」《》"


_COMPARE = re.compile(r"(?:高于|低于|快于|慢于|(?<![增排])比(?![重例率值])|较|相比|占(?!地)|同比|环比).*$")
_AGE = re.compile(r"\d+(?:\.\d+)?(?:周岁|岁)(?:及)?(?:以上|以下)?")
_GENERIC = {"比重", "占比", "比例", "份额", "增速", "增幅", "涨幅", "降幅", "总量", "规模", "总数"}
_HAVE = re.compile(r"^.*?(?:共有|拥有(?!量)|现有|已有|还有|(?<=[市县区镇村乡])有(?![效限序机关力色线]))(?=..)")


_LEAD_VERB = re.compile(r"^(?:(?:已|累计|共|吸引|接待|带动|帮助|发放|完成|实现|办理|举办|开展|组织))+")


def indicator_left(text: str) -> str | None:
    """Indicator from the clause text before a figure: strip verbs, times, subjects, 的-modifiers."""
    text = _AGE.sub("", re.sub(rf"(?:{TIME_WORDS})的?", "", text))
    text = _COMPARE.sub("", text)
    part = _TAIL_STRIP.sub("", text)
    part = _HAVE.sub("", part)
    if "的" in part:
        tail = part.rsplit("的", 1)[1]
        if len(tail) >= 2:
            part = tail
    part = re.split(rf"(?:{TIME_WORDS})", part)[-1]
    part = _LEAD_STRIP.sub("", part)
    part = _TAIL_STRIP.sub("", part)
    part = part.strip(_QUOTE_CHARS + " ")
    for adverb in ("已经", "已", "累计", "共计", "先后", "(?<![人年平户])均", "实现", "完成", "提供",
                   "吸引", "带动"):
        pieces = re.split(adverb, part, maxsplit=1)
        if len(pieces) == 2 and pieces[0]:
            head, tail = pieces
            tail = _LEAD_VERB.sub("", _LEAD_STRIP.sub("", tail))
            part = tail if len(tail) >= 2 or len(head) < 2 else head
    return _clean(part)


def indicator_right(text: str) -> str | None:
    """Indicator after a count (20名企业职工在 → 企业职工; 26项“国字号”试点 → 国字号试点)."""
    if text[:1] not in "“\"":
        text = re.split(r"[“\"]", text, maxsplit=1)[0]
    m = _RIGHT_STOP.search(text)
    part = text[: m.start()] if m else text
    part = "".join(ch for ch in part if ch not in _QUOTE_CHARS)[:12]
    return _clean(part)


def _clean(part: str) -> str | None:
    part = "".join(ch for ch in part if ch not in _QUOTE_CHARS).strip()
    if not 2 <= len(part) <= 24 or not _CJK.search(part) or _BAD_INDICATOR.match(part):
        return None
    if part in _GENERIC or re.search(r"\d", part) and not re.search(r"[A-Za-z]\d|\d[A-Za-z]", part):
        return None
    return part


# --- 分别 lists: 城乡居民收入 → 城镇居民收入, 乡村居民收入 -------------------------------------

_COMPOUNDS = {
    "城乡": ("城镇", "乡村"),
    "进出口": ("进口", "出口"),
    "中小学": ("中学", "小学"),
    "存贷款": ("存款", "贷款"),
    "男女": ("男性", "女性"),
    "一二三产": ("第一产", "第二产", "第三产"),
    "一、二、三产": ("第一产", "第二产", "第三产"),
    "上下半年": ("上半年", "下半年"),
}


def split_items(indicator: str, n: int) -> list[str] | None:
    """Split an indicator naming `n` things (城乡…, A和B…, A、B和C…) into one per item."""
    for compound, parts in _COMPOUNDS.items():
        if compound in indicator and len(parts) == n:
            head, tail = indicator.split(compound, 1)
            if head.endswith("第") and parts[0].startswith("第"):
                head = head[:-1]  # 第一、二、三产业: the 第 is part of the compound
            return [head + p + tail for p in parts]
    items = [p for p in re.split(r"[、和与及]", indicator) if p]
    if len(items) != n:
        return None
    first, last = items[0], items[-1]
    if len(last) > len(first) + 1:
        shared = last[len(first):]  # 城镇和农村居民收入 → shared 居民收入
        return [p + shared for p in items[:-1]] + [last]
    return items



def strip_region(indicator: str | None, city: str | None) -> str | None:
    """Drop a leading region name from an indicator (丽水城乡居民收入 → 城乡居民收入)."""
    if not indicator:
        return indicator
    names = []
    if city and len(city) >= 3 and city[-1] in "市县区":
        names += [city, city[:-1]]
    m = re.match(NAMED_PLACE, indicator)
    if m:
        names.append(m.group(0))
    for name in names:
        if indicator.startswith(name) and len(indicator) - len(name) >= 2:
            return indicator[len(name):]
    return indicator
