"""Roles of the figures of a sentence (from, to, change_pct, share, target …), their signs,
suffix qualifiers and 、-lists. Part of the statistics stage (see `statistics.py`).
"""

from __future__ import annotations

import bisect
import re
from datetime import date
from functools import lru_cache

from pipeline.nlp.statistics.mentions import TIME_AFTER, Mention, strip_qualifier

_SUFFIX_QUAL = [("左右", "approx"), ("上下", "approx"), ("以上", "over"), ("多", "over"),
                ("余", "over"), ("以下", "under"), ("以内", "at_most"), ("之内", "at_most")]
_NEG = r"减收|下降|减少|回落|降低|下滑|下跌|缩小|收窄|缩减|压减|减|降|少|低于|萎缩|负增长|降幅"
_POS = r"增收|增长|增加(?!值)|上升|提高|提升|上涨|回升|扩大|增|涨|多|高于|增幅|增速|加快|攀升|跃升"
_CHANGE_RE = re.compile(rf"(?P<neg>{_NEG})|(?P<pos>{_POS})")
_TO_RE = re.compile(
    rf"(?:{_NEG}|{_POS}|跃|升|达|攀升)(?:了)?(?:到|至)$|(?:增至|降至|升至|减至|达到|达|为)$|^(?:到|至)$"
)
_SHARE_RE = re.compile(r"占比|占(?!地)|比重|份额")
_TARGET_RE = re.compile(
    r"(?:主要|预期|发展|奋斗|总体|年度|工作)目标|目标(?:是|为|[:：]|任务)|力争|争取|预计|确保|"
    r"计划(?=完成|投资|总投资|新建|建设|实施|开工|到|在|于|用|将|年内|今年|明年|播种|安排|新增|开行)|"
    r"预期|将达到|将突破|将实现|将新|努力实现|要达到|"
    r"(?<![加长高升大小少低降展截月年日\d])(?:到|至)(?P<year>20\d\d)年(?:底|末)?"
)


def _future(cue: re.Match, article_year: int | None) -> bool:
    """到2027年 is a target only when 2027 lies after the article's year (if known)."""
    return not cue["year"] or article_year is None or int(cue["year"]) > article_year


_CLAUSE_END = re.compile(r"[，,；;。！？!?\n]|(?<!\d)[:：]|[:：](?!\d)")


def clause_start(text: str, s_start: int, pos: int) -> int:
    """Start of the clause (after ，；：。) holding `pos`, not before the sentence start."""
    bounds = _clause_bounds(text)
    i = bisect.bisect_right(bounds, pos) - 1
    return bounds[i] if i >= 0 and bounds[i] > s_start else s_start


@lru_cache(maxsize=16)
def _clause_bounds(text: str) -> list[int]:
    return [m.end() for m in _CLAUSE_END.finditer(text)]


def link_groups(text: str, mentions: list[Mention]) -> None:
    """Numbers joined only by 、/和/与/及 form a list; bare members take the list's unit."""
    i = 0
    while i < len(mentions):
        j = i
        while j + 1 < len(mentions) and _joined(text, mentions[j], mentions[j + 1]):
            j += 1
        if j > i:
            members = mentions[i: j + 1]
            for member in members:
                member.group = members
            _share_unit(members)
        i = j + 1


_JOIN = re.compile(rf"[、和与及,，](?:第|前|{_NEG}|{_POS})?")


def _joined(text: str, a: Mention, b: Mention) -> bool:
    between = text[a.end: b.start]
    if between in (",", "，") and (a.unit is None) != (b.unit is None):
        return False
    return bool(_JOIN.fullmatch(between)) and a.role == b.role


def _share_unit(group: list[Mention]) -> None:
    last = next((m for m in reversed(group) if m.unit is not None), None)
    if last is None:
        return
    for m in group:
        if m.unit is None and m.role is None:
            m.unit, m.surface_unit, m.score = last.unit, last.surface_unit, 0.8
            mult = last.match.number.multiplier
            if m.match.number.multiplier == 1 and mult != 1:
                m.value *= mult
                m.high = m.high * mult if m.high is not None else None


def assign_roles(text: str, s_start: int, mentions: list[Mention],
                 year: int | None = None) -> None:
    """Role, sign and suffix qualifier of every figure of one sentence, left to right."""
    prev_end = s_start
    for i, m in enumerate(mentions):
        clause = clause_start(text, s_start, m.start)
        left = text[max(prev_end, clause): m.start]
        if m.group and m.group[0] is not m and not _CHANGE_RE.search(left):
            head = m.group[0]
            m.role = m.role or head.role
            m.sign = head.sign
        elif m.role is None:
            _role(text, m, left, text[clause: m.start], mentions[:i])
        _suffix_qualifier(text, m)
        if m.unit is None and m.role in ("from", "to"):
            _unit_from_partner(m, mentions)
        prev_end = m.end
    _targets(text, s_start, mentions, year)


_QUAL_WORDS = re.compile(r"至少|不少于|最少|多达|最多|不超过|不到|不足|少于|多年")


def _role(text: str, m: Mention, left: str, clause: str, before: list[Mention]) -> None:
    pre = strip_qualifier(m, left)
    clause = _QUAL_WORDS.sub("", clause)
    kind = m.unit.kind if m.unit else None
    if re.search(r"前$", pre) and m.unit and m.unit.surface in ("位", "名", "强"):
        m.role, m.qualifier = "rank", "at_most"
    elif text[m.start - 1: m.start] == "第":
        m.role = "rank"
    elif re.search(r"(?:从|由)$", pre):
        m.role = "from"
    elif _TO_RE.search(pre) and _has_from(before, pre):
        m.role = "to"
    elif re.search(r"(?:增加|增长|提高|提升|上升|扩大|缩小|下降|减少|降低|压缩|回落|跃升|发展)(?:了)?"
                   r"(?:到|至)$"
                   r"|(?:增至|降至|升至|减至)$", pre):
        m.role = "to"
    elif kind == "pct_point":
        m.role, m.sign = "pct_point", _sign(clause)
    elif kind == "multiple":
        _multiple_role(m, pre, clause)
    elif kind in ("percent", "permille"):
        _percent_role(m, pre, clause, text[m.end: m.end + 8])
    else:
        change = _CHANGE_RE.search(pre[-3:]) if pre else None
        if change and re.search(rf"(?:{_NEG}|{_POS}|净增|新增)$", pre):
            m.role, m.sign = "change_abs", -1 if change["neg"] else 1
        elif kind in ("people", "count"):
            m.role = "count"
        else:
            m.role = "level"


def _has_from(before: list[Mention], pre: str) -> bool:
    return any(b.role == "from" for b in before) or not pre.endswith(("达", "为", "达到"))


def _sign(clause: str) -> int:
    changes = list(_CHANGE_RE.finditer(clause))
    return -1 if changes and changes[-1]["neg"] else 1


def _multiple_role(m: Mention, pre: str, clause: str) -> None:
    if re.search(r"(?:是|为|相当于|达到)[^，,]*的$|的$|(?:是|相当于)$", pre):
        m.role = "ratio"
    elif re.search(rf"(?:{_POS}|翻)$", pre):
        m.role = "change_multiple"
    else:
        m.role = "level"


def _percent_role(m: Mention, pre: str, clause: str, after: str = "") -> None:
    if re.search(r"(?:约|大约|近)占", clause) and m.qualifier == "exact":
        m.qualifier = "approx"
    if _share_by_noun(m, after):
        m.role = "share"
        return
    share = [x for x in _SHARE_RE.finditer(clause)]
    change = [x for x in _CHANGE_RE.finditer(clause)]
    last_share = share[-1].start() if share else -1
    last_change = change[-1].start() if change else -1
    if last_share > last_change:
        m.role = "share"
    elif change and not re.search(r"(?:率|比例|水平)(?:为|达|达到|是)?$", pre):
        m.role, m.sign = "change_pct", -1 if change[-1]["neg"] else 1
    else:
        m.role = "level"


def _share_by_noun(m: Mention, after: str) -> bool:
    """80%的乡镇, 三成县: a percentage followed by the noun it is a share of."""
    after = re.sub(r"^(?:以上|以下|左右)", "", after)
    if after.startswith("的") and re.match(r"的[\u4e00-\u9fff]", after):
        return True
    kind = m.match.number.kind
    return kind in ("tenths", "fraction") and bool(re.match(r"[\u4e00-\u9fff]", after)) and \
        not re.match(r"(?:以|左|上|下|多|左|是|为|和|与|及|，|。)", after)


def _suffix_qualifier(text: str, m: Mention) -> None:
    for word, qual in _SUFFIX_QUAL:
        if text.startswith(word, m.end) and not (word == "多" and m.unit is None):
            if m.qualifier == "exact" or qual in ("over", "under", "at_most"):
                m.qualifier = qual
            return


def _unit_from_partner(m: Mention, mentions: list[Mention]) -> None:
    partner = "from" if m.role == "to" else "to"
    for other in sorted(mentions, key=lambda o: abs(o.start - m.start)):
        if other is not m and other.role == partner and other.unit is not None:
            m.unit, m.surface_unit, m.score = other.unit, other.surface_unit, 0.7
            return


def article_year(meta: dict) -> int | None:
    """Year of the article date in `doc._.meta`, if any."""
    value = meta.get("date")
    return value.year if isinstance(value, date) else None


def _targets(text: str, s_start: int, mentions: list[Mention], article_year: int | None) -> None:
    """Planned figures (目标, 力争, 到2027年达到) become role `target`."""
    end = mentions[-1].start if mentions else s_start
    cues = [c.start() for c in _TARGET_RE.finditer(text, s_start, end) if _future(c, article_year)]
    for m in mentions:
        if not cues or cues[0] >= m.start or m.role in ("from", "ratio", "rank"):
            continue
        if m.role == "to" and any(o.role == "from" for o in mentions):
            continue
        m.role = "target"


_UNITLESS_CUE = re.compile(r"倍差|收入比|之比|比值|系数|指数|杠杆率")


def unitless_ok(text: str, s_start: int, m: Mention) -> bool:
    """A bare number is a figure only for ratio-like indicators (倍差由1.94缩小到1.82)."""
    if m.match.number.script == "chinese" or m.role in ("rank", "ratio"):
        return False
    clause = text[clause_start(text, s_start, m.start): m.start]
    return bool(_UNITLESS_CUE.search(clause)) and not text.startswith(TIME_AFTER, m.end)
