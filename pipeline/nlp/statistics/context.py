"""Context of a figure: what it measures (indicator), whose it is (subject), when (year/period),
and the character ranges where numbers are not statistics (quotes, titles, phone numbers …).

Pure functions on strings and offsets; `statistics.py` calls them per sentence.
"""

from __future__ import annotations

import re
from datetime import date

# --- ranges where numbers are never statistics ---------------------------------------------

_MASK_PATTERNS = [
    re.compile(r"[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*\d+\s*号"),  # 〔2025〕3号
    re.compile(r"[\u4e00-\u9fff]{1,4}[发字函办]\s*\d+\s*号"),  # 浙政发12号 / 丽委办12号
    re.compile(r"(?<!\d)0\d{2,3}[-－—]\d{7,8}(?!\d)"),  # 0578-2123456
    re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)"),  # mobile phones
    re.compile(r"(?<![\d.])\d{5,}(?=热线|专线|服务热线|政务)"),  # 12345热线
    re.compile(r"[A-Za-z]+-?\d+[A-Za-z\d]*|(?<![\d.])\d+[A-Za-z]+\d*"),  # G60, 5G, 4A
    re.compile(r"[一二三四五六七八九十]+届[一二三四五六七八九十]+次"),  # 五届八次
    re.compile(r"第[一二三四五六七八九十百千零〇\d]+(?:届|次|批|期|轮|季|个|号|章|条|款|版|代)"),
    re.compile(r"(?:十[一二三四五六七八九]五|十四五|十五五|十三五)"),  # plan names
    re.compile(r"(?:(?<!\d)\d+|[一二三四五六七八九十]+)(?:号楼|号线|路|街|弄|幢|室|层|楼|号院)"),
    re.compile(r"(?<![\d.])\d+(?:\.\d+)+(?=版|时代)"),  # 2.0版
    re.compile(r"(?:19|20)\d{2}\s*[-—~至]\s*(?:19|20)\d{2}年"),  # 2021-2025年
]
_QUOTES = [("“", "”"), ("\"", "\""), ("「", "」"), ("‘", "’")]
_TITLES = [("《", "》")]


def masked_ranges(text: str, quote_max: int = 15) -> list[tuple[int, int]]:
    """Ranges to skip: short quotes (slogans such as “4+1”), book titles, phone/document numbers."""
    ranges = [(m.start(), m.end()) for p in _MASK_PATTERNS for m in p.finditer(text)]
    for left, right in _QUOTES:
        ranges += _paired(text, left, right, quote_max)
    for left, right in _TITLES:
        ranges += _paired(text, left, right, 60)
    return ranges


def _paired(text: str, left: str, right: str, max_len: int) -> list[tuple[int, int]]:
    out = []
    pos = 0
    while True:
        a = text.find(left, pos)
        if a < 0:
            return out
        b = text.find(right, a + 1)
        if b < 0:
            return out
        if b - a - 1 <= max_len:
            out.append((a, b + 1))
        pos = b + 1


def in_ranges(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    """True when [start, end) overlaps any range."""
    return any(a < end and start < b for a, b in ranges)


# --- indicator -------------------------------------------------------------------------------

_TIME = (
    r"(?:(?:19|20)\d{2}|[一二〇○零三四五六七八九]{4})年(?:度|底|末|初|以来|来)?"
    r"|截至\S{0,8}?(?:月|年)底?|今年以来|去年以来|今年|去年|上年|全年|当年|年内|上半年|下半年"
    r"|前?[一二三四1-4]季度|\d{1,2}[-—~至]\d{1,2}月份?|\d{1,2}月份?|\d+年来|近\d+年|近年来|同期"
    r"|目前|当前|截至目前|至今|期间|以来|最初|现在|原来|年初|年末|年底"
)
_SUBJECT = r"全市|全县|全区|全省|全国|全镇|全乡|全村|我市|本市|我县|本县|我区|本区|我省|本省|市区|市域|县域"
_LEAD_STRIP = re.compile(
    rf"^(?:{_TIME}|{_SUBJECT}|每[十百千万]?(?:人口|人|名|户)?|其中|其|此外|另外|将|该(?:市|县|区|镇|乡|村)?|这|此|共|累计|全部|总共|合计|均|都|已|已经|并|而|和|及|与|"
    r"实现|完成|共有|拥有|有|在|对|据|经|通过|为|新世纪|连续|进一步|同比|平均|年均|首次|分别|，|,|、|\s)+"
)
_TAIL_STRIP = re.compile(
    r"(?:分别|平均|人均|户均|年均|均|都|已|共计|共|累计|合计|总计|约为|约|大约|将近|接近|近|超过|超出|超|逾|多达|高达|达到了|达到|达|"
    r"突破|跨越|为|是|实现了|实现|完成了|完成|有|计|已达|已经|仅|只有|稳定在|保持在|控制在|提高到|提升到|"
    r"增加到|增长到|下降到|减少到|降低到|缩小到|扩大到|上升到|降至|增至|升至|提高至|下降至|减少至|"
    r"从|由|到|至|了|比上年|较上年|比去年|同比|比|较|上年|去年|同期|增长|增加|下降|减少|提高|提升|上升|回落|"
    r"降低|下滑|扩大|缩小|占比|占|不到|不足|不少于|至少|最多|不超过|以上|左右|的|，|,|\s|"
    rf"每年|每月|每人|每户|每天|连续|首次|成功|力争|争取|预计|计划|确保|将|要|发展|调整|优化|变|和|与|及|、|前|跻身|位居|位列|居|排名|排在|名列|进入|入围|第|{_SUBJECT})+$"
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
    text = _AGE.sub("", re.sub(rf"(?:{_TIME})的?", "", text))
    text = _COMPARE.sub("", text)
    part = _TAIL_STRIP.sub("", text)
    part = _HAVE.sub("", part)
    if "的" in part:
        tail = part.rsplit("的", 1)[1]
        if len(tail) >= 2:
            part = tail
    part = re.split(rf"(?:{_TIME})", part)[-1]
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
            return [head + p + tail for p in parts]
    items = [p for p in re.split(r"[、和与及]", indicator) if p]
    if len(items) != n:
        return None
    first, last = items[0], items[-1]
    if len(last) > len(first) + 1:
        shared = last[len(first):]  # 城镇和农村居民收入 → shared 居民收入
        return [p + shared for p in items[:-1]] + [last]
    return items


# --- subject, year, period -----------------------------------------------------------------

_NAMED = (r"[\u4e00-\u9fff]{2,5}?(?:省|市|县|区|镇|(?<!城)乡|街道)"
          r"(?![委长级民直属场属内外政府里人代大协法检纪监财教科卫])")
_CLAUSE_HEAD = re.compile(rf"(?:^|[，,；;。:：])\s*(?:(?:{_TIME})[，,]?)?\s*(?:在)?(?P<named>{_NAMED})")
_ALL_RE = re.compile(_SUBJECT)
_PLACEHOLDER = {"全市", "我市", "本市", "市域", "市区"}


def subject_of(text: str, city: str | None) -> str | None:
    """The region named last in `text` (全市 → the article's city when known).

    Named regions (莲都区, 浙江省) count only at the head of a clause, where Chinese news
    puts the subject; elsewhere 省/市/县 are usually parts of other words (省市重大改革).
    """
    best: tuple[int, str] | None = None
    for m in _ALL_RE.finditer(text):
        word = m.group(0)
        best = (m.start(), city if word in _PLACEHOLDER and city else word)
    if city and len(city) >= 3:
        pos = max(text.rfind(city), text.rfind(city[:-1]))
        if pos >= 0 and (best is None or pos > best[0]):
            best = (pos, city)
    for m in _CLAUSE_HEAD.finditer(text):
        if best is None or m.start("named") > best[0]:
            best = (m.start("named"), m["named"])
    return best[1] if best else None


def strip_region(indicator: str | None, city: str | None) -> str | None:
    """Drop a leading region name from an indicator (丽水城乡居民收入 → 城乡居民收入)."""
    if not indicator:
        return indicator
    names = []
    if city and len(city) >= 3 and city[-1] in "市县区":
        names += [city, city[:-1]]
    m = re.match(_NAMED, indicator)
    if m:
        names.append(m.group(0))
    for name in names:
        if indicator.startswith(name) and len(indicator) - len(name) >= 2:
            return indicator[len(name):]
    return indicator


_YEAR_RE = re.compile(r"((?:19|20)\d{2})年(?!来)")
_CN_YEAR_RE = re.compile(r"([一二〇○零三四五六七八九]{4})年")
_REL_YEAR = {"今年": 0, "当年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}
_PERIOD_RE = re.compile(
    r"(?:前|第)?[一二三四1-4]季度|前三季度|上半年|下半年|全年|"
    r"\d{1,2}\s*[-—~至]\s*\d{1,2}月份?|\d{1,2}月份|\d+年来|\d+年以来|近\d+年|近[一二三四五六七八九十]+年|"
    r"“十[一二三四五]五”(?:以来|期间|时期)|十[一二三四五]五(?:以来|期间|时期)|今年以来"
)
_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")


def year_of(text: str, article_date: date | None) -> int | None:
    """The year stated last in `text` (2024年, 二〇二四年, 今年/去年 with the article date)."""
    best: tuple[int, int] | None = None
    for m in _YEAR_RE.finditer(text):
        best = (m.start(), int(m.group(1)))
    for m in _CN_YEAR_RE.finditer(text):
        year = int(m.group(1).translate(_DIGITS))
        if 1900 <= year <= 2100 and (best is None or m.start() > best[0]):
            best = (m.start(), year)
    if article_date is not None:
        for word, delta in _REL_YEAR.items():
            pos = text.rfind(word)
            if pos >= 0 and (best is None or pos > best[0]):
                best = (pos, article_date.year + delta)
    return best[1] if best else None


def period_of(text: str) -> str | None:
    """The period stated last in `text` (一季度, 1-6月份, 25年来, 上半年)."""
    found = None
    for m in _PERIOD_RE.finditer(text):
        found = m.group(0)
    return found.replace("“", "").replace("”", "") if found else None
