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
    r"从|由|到|至|了|比上年|较上年|比去年|同比|较|上年|去年|同期|增长|增加|下降|减少|提高|提升|上升|回落|"
    r"降低|下滑|扩大|缩小|占比|占|不到|不足|不少于|至少|最多|不超过|以上|左右|的|，|,|\s|"
    rf"每年|每月|每人|每户|每天|连续|首次|成功|力争|争取|预计|计划|确保|将|要|发展|调整|优化|变|和|与|及|、|前|跻身|位居|位列|居|排名|排在|名列|进入|入围|第|"
    rf"为期|历时|持续了|持续|用时|耗时|长达|破|中有|中|有望|可望|可以|可|能够|迈上|站上|跨上|跃上|"
    rf"{SUBJECT_WORDS})+$"
)
_CJK = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_BAD_INDICATOR = re.compile(r"^(?:同比|比上年|全年|今年|累计|增长|下降|提高|其中|分别|年均|平均)$")
_RIGHT_STOP = re.compile(
    r"[的在和与及等是为将把被从向对，,。;；、:：!！?？()（）\s]|参加|参与|获得|完成|实现|开工|竣工|签约|"
    r"落地|入选|投产|建成|通过|受益|走进|来到|正在|共同|纳入|获评|进入|开展|接受|集中|累计|分别|共(?![产体享建])|达|"
    r"提供|达成|带动|吸引|进行|参会|实施|发放|创造|推出|到场|左右|以上|以下|以内|上下|多|余|\d|"
    r"受损|断电|增收|深入|全覆盖|覆盖|参观|死亡|受伤|失踪|遇难|疏散|受灾|从事|以及|更|中(?=[，,有])|有|"
    r"面临|分布|居住|前往|下沉|包片|实地|现场|纳入|组成|开赛|进行|保障|已|都|也|还|被|"
    r"至少|直接|开始|纷纷|陆续|全部|先后|搭乘|用上|选派|深耕|实现|投入|运营"
)
_QUOTE_CHARS = "“”\"‘’「」《》"


_COMPARE = re.compile(r"(?:高于|低于|快于|慢于|(?<![增排可对无])比(?![重例率值赛拼如为是达由从缩扩])|较|相比|"
                      r"占(?!地(?!区))|同比|环比).*$")
_AGE = re.compile(r"\d+(?:\.\d+)?(?:周岁|岁)(?:及)?(?:以上|以下)?")
_GENERIC = {"比重", "占比", "比例", "份额", "增速", "增幅", "涨幅", "降幅", "总量", "规模", "总数"}
_HAVE = re.compile(r"^.*?(?:共有|拥有(?!量)|现有|已有|还有|(?<=[市县区镇村乡])有(?![效限序机关力色线]))(?=..)")


_LEAD_VERB = re.compile(r"^(?:(?:已|累计|共|吸引|接待|带动|帮助|发放|完成|实现|办理|举办|开展|组织))+")


def indicator_left(text: str) -> str | None:
    """Indicator from the clause text before a figure: strip verbs, times, subjects, 的-modifiers."""
    text = _GROUPS.sub("", re.sub(r"[（(][^（）()]{0,20}[）)]|按可比价格?计算", "", text))
    text = text.split("等")[-1] if len(text.split("等")[-1]) >= 2 else text  # 废钢、废电池等各类再生资源
    text = re.split(r"\s", text.strip())[-1] if text.strip() else text
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
    part = re.sub(r"(?<=[\u4e00-\u9fff]{2})(?:从|由)(?=最初|开通|初期|原来|过去|去年|上年|目前|现在|几|数|"
                  r"[\d一二三四五六七八九十百千万])[^从由]*$", "", part)  # 茶园面积从几百亩 (扩大到)
    part = re.sub(r"(?:的)?(?:预期|主要|发展)?目标(?:是|为)?$", "", part)
    part = re.sub(r"(?<=指数|总额|规模|产值|收入|总量)(?:增幅|增速|涨幅|降幅)$", "", part)  # 相关指数增幅
    part = _without_place_after_zai(part)
    for adverb in ("已经", "已", "累计", "共计", "先后", "(?<![人年平户])均", "实现", "完成", "提供",
                   "吸引", "带动", "将"):
        pieces = re.split(adverb, part, maxsplit=1)
        if len(pieces) == 2 and pieces[0]:
            head, tail = pieces
            tail = _LEAD_VERB.sub("", _LEAD_STRIP.sub("", tail))
            bare_verb = tail in _LEAD_WORDS or tail in ("开行", "发生", "开通")
            part = tail if (len(tail) >= 2 and not bare_verb) or len(head) < 2 else head
    return _clean(part)


def _without_place_after_zai(part: str) -> str:
    """跨境电商产业园在湖北(已经有…) → 跨境电商产业园; 在校学生 stays."""
    m = re.search(r"(?<=[\u4e00-\u9fff]{2})在([\u4e00-\u9fff]{2,6})$", part)
    if not m:
        return part
    from pipeline.nlp.entities import lexicons

    place = m.group(1)
    if place in lexicons.divisions_by_surface() or re.fullmatch(NAMED_PLACE, place):
        return part[: m.start()]
    return part


def indicator_right(text: str) -> str | None:
    """Indicator after a count (20名企业职工在 → 企业职工; 26项“国字号”试点 → 国字号试点)."""
    text = re.sub(r"^(?:[（(][^（）()]{0,6}[）)]|的|\d+岁)", "", text)  # 25台（套）…, 八页的手册, 两名15岁少年
    if text[:1] not in "“\"":
        text = re.split(r"[“\"]", text, maxsplit=1)[0]
    if text.startswith("国家和地区"):
        return "国家和地区"
    m = _RIGHT_STOP.search(text)
    part = text[: m.start()] if m else text
    part = "".join(ch for ch in part if ch not in _QUOTE_CHARS)[:12]
    return _clean(part)


# --- whole words: the indicator never starts or ends inside a word (经济总量, not 济总量) --------

_HAN = re.compile(r"[\u4e00-\u9fff]")
_EDGE_PUNCT = "—–-－·•：:、，,；;（(）) \u3000\n“”\"‘’"
# verbs and pronouns that head a clause before its noun phrase (发放脱贫人口小额信贷 → 脱贫人口小额信贷)
_LEAD_WORDS = frozenset(
    "发放 建成 新建成 新建 改造 新建和改造 惠及 带动 投入 落实 清理 处置 展示 推广 预计 力争 争取 有望 采购 "
    "雇请 承包 发送 入选 印发 吸纳 吸引 接待 实现 完成 拿出 支持 促成 举办 开行 征集 发布 推出 培育 引进 招引 "
    "签订 获得 拦截 击落 打击 提供 达成 帮助 开展 累计 共 已 将 计划 可 我国 全国 当地 县里 "
    "市里 区里 该公司 该镇 该县 该市 该区 本届 这家 每年 到 把 新建成 会议 年采购 居 位居 位列 排名 名列 "
    "跻身 他们 每周 每天 继续 让 新增 以上 以下 共有 拥有 发现 更新 平均每周".split())
# verbs after which the object is the indicator, wherever they stand (李阿姨一家承包茶园 → 茶园)
_CUT_AFTER = re.compile(r".*(?:承包|雇请|印发|发放|拿出|落实|推出|组织|举办|开设|新增|取得|(?<![首])创|选派|"
                        r"引进|培育|保藏|整合|设立|组建|打造)(?=[\u4e00-\u9fff]{2})")
_COMPANY = re.compile(r"[\u4e00-\u9fff（）()]{2,24}?(?:股份有限公司|有限责任公司|有限公司|集团)(?=..)")
_GROUPS = re.compile(r"[\u4e00-\u9fff]{0,2}(?:\d+|[一二三四五六七八九十]+)(?:省区市|省（区、市）|省\(区、市\))|(?:19|20)\d{2}届")


_LEAD_AT = re.compile(_LEAD_STRIP.pattern.removeprefix("^"))  # `match(text, pos)` ignores ^


def whole_words(text: str, start: int, end: int, bounds: frozenset[int],
                entities: tuple[tuple[int, int, str], ...] = ()) -> str | None:
    """The indicator at text[start:end] widened to whole words, then trimmed of leading
    punctuation, a place (it is the subject; pass no `entities` for the noun after a count:
    13项亚洲纪录), verbs and subject words."""
    if bounds:
        while start > 0 and start not in bounds and _HAN.match(text[start - 1]):
            start -= 1
        while end < len(text) and end not in bounds and _HAN.match(text[end]):
            end += 1
    changed = True
    while changed and end - start >= 2:
        changed = False
        new = _trimmed_start(text, start, end, bounds, entities)
        if new != start and end - new >= 2:
            start, changed = new, True
    return _clean(text[start:end])


def _trimmed_start(text: str, start: int, end: int, bounds: frozenset[int],
                   entities: tuple[tuple[int, int, str], ...]) -> int:
    if text[start] in _EDGE_PUNCT:
        return start + 1
    for e_start, e_end, label in entities:
        if e_start == start and e_end < end and label == "LOC" and (not bounds or e_end in bounds) \
                and text[e_end: e_end + 1] not in "至到—-与和":
            zone = re.match(r"地带|地区|赛区", text[e_end:end])
            return e_end + (len(zone.group(0)) if zone else 0)
    m = _LEAD_AT.match(text, start, end)
    if m and m.end() > start and (not bounds or m.end() in bounds):
        return m.end()
    for stop in sorted(b for b in bounds if start < b < end)[:2]:
        if text[start:stop] in _LEAD_WORDS:
            return stop
    m = _COMPANY.match(text, start, end) or _CUT_AFTER.match(text, start, end)
    if m and (not bounds or m.end() in bounds):
        return m.end()
    return start


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
