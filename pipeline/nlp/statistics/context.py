"""Context of a figure: whose it is (subject), when (year/period), the word lists these share
with `indicators.py`, and the character ranges where numbers are not statistics (quotes,
titles, phone numbers …).

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


# --- shared word lists ----------------------------------------------------------------------

TIME_WORDS = (
    r"(?:(?:19|20)\d{2}|[一二〇○零三四五六七八九]{4})年(?:度|底|末|初|以来|来)?"
    r"|截至\S{0,8}?(?:月|年)底?|今年以来|去年以来|今年|去年|上年|全年|当年|年内|上半年|下半年"
    r"|前?[一二三四1-4]季度|\d{1,2}[-—~至]\d{1,2}月份?|\d{1,2}月份?|\d+年来|近\d+年|近年来|同期"
    r"|目前|当前|截至目前|至今|期间|以来|最初|现在|原来|年初|年末|年底"
    r"|“?十[一二三四五]五”?(?:时期|期间|以来|末)?"
)
SUBJECT_WORDS = (r"全市|全县|全区|全旗|全省|全国|全镇|全乡|全村|我市|本市|我县|本县|我区|本区|我旗|本旗|"
                 r"我省|本省|我国|市区")

# --- subject, year, period -----------------------------------------------------------------

NAMED_PLACE = (r"[\u4e00-\u9fff]{2,5}?(?:省|市|县|区|镇|(?<!城)乡|街道)"
               r"(?![委长级民直属场属内外政府里人代大协法检纪监财教科卫域块间别])")
_CLAUSE_HEAD = re.compile(rf"(?:^|[，,；;。:：])\s*(?:(?:{TIME_WORDS})[，,]?)?\s*(?:在)?(?P<named>{NAMED_PLACE})")
_ALL_RE = re.compile(SUBJECT_WORDS)
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
