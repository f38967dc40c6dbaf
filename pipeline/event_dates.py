"""Event dates: the calendar day an article reports, from its dateline and lead.

A dateline or the start of the lead names the day: `本报讯(记者 X)7月5日`, `新华社杭州7月5日电`,
`本报讯 昨天(22日)下午`, `22日上午`, `2024年12月30日`, `七月五日`. Without a year the day is
placed relative to the publication date: the latest such day not more than `LEAD_DAYS` after
it (a December dateline in a January paper is the previous year's), a day of the month alone
is the latest such day on or before publication, 昨天/前天/今天 count back from it. Words
that name no day (日前, 近日, 近期) give None, and so does a relative date without a
publication date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from pipeline.layout import DATELINE, Article, is_heading

# A dateline may be dated a little after the paper's date (a misdated page, an evening
# edition); anything later is taken as the previous year's.
LEAD_DAYS = 3
CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
NUM = r"(?:\d{1,2}|[〇零一二两三四五六七八九十廿卅]{1,3})"
YEAR = r"(?:(?P<year>(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})年)"
RELATIVE_DAYS = {"昨天": 1, "昨日": 1, "前天": 2, "前日": 2, "今天": 0, "今日": 0, "本日": 0}
DAY_EXPRESSION = re.compile(
    rf"{YEAR}?(?P<month>{NUM})月(?P<day>{NUM})日"
    rf"|(?P<relative>{'|'.join(RELATIVE_DAYS)})"
    rf"(?:\((?:(?P<paren_month>{NUM})月)?(?P<paren>{NUM})日\))?"
    r"|(?<![\d月年])(?P<bare>\d{1,2})日(?![前后内])"
)
# A day after these or before those is a bound or a deadline, not the event: 截至6月30日,
# 从7月1日起, 7月1日前. (A range 7月5日至6日 starts on the event's day.)
NOT_EVENT_BEFORE = ("截至", "截止", "至", "到", "从", "自", "~", "-", "—")
NOT_EVENT_AFTER = ("起", "前", "以来", "之前", "以前")
SENTENCE_END = re.compile(r"[。!?;]")


def event_date(article: Article, text: str, published: date | None) -> date | None:
    """The day `article` (offsets into `text`) reports, or None when it does not say."""
    lead = lead_text(article, text)
    return resolve(lead, published) if lead else None


def lead_text(article: Article, text: str) -> str:
    """The dateline and first sentence of the lead: the dateline paragraph from its date on
    (本报讯(记者 X)7月5日,… → 7月5日,…), else the first body paragraph."""
    for paragraph in article.paragraphs:
        match = DATELINE.match(paragraph.text)
        if match:
            return _first_sentence(paragraph.text[_date_start(paragraph.text, match):])
    body = next((p.text for p in article.paragraphs if not is_heading(p.text)), "")
    return _first_sentence(body)


def _date_start(paragraph: str, match: re.Match) -> int:
    """Where the date of a dateline begins: inside the match (…)7月5日, else right after it."""
    inside = re.search(rf"{NUM}月{NUM}日(?:电)?$", match.group(0))
    return match.start() + inside.start() if inside else match.end()


def _first_sentence(text: str) -> str:
    end = SENTENCE_END.search(text)
    return text[: end.start()] if end else text


def resolve(lead: str, published: date | None) -> date | None:
    """The first day expression of `lead` that names the event, as a calendar date."""
    for match in DAY_EXPRESSION.finditer(lead):
        before = lead[: match.start()]
        after = lead[match.end():]
        if before.endswith(NOT_EVENT_BEFORE) or after.startswith(NOT_EVENT_AFTER):
            continue
        return _calendar_day(match, published)
    return None


def _calendar_day(match: re.Match, published: date | None) -> date | None:
    groups = match.groupdict()
    if groups["month"] is not None:
        return _month_day(groups["year"], _number(groups["month"]), _number(groups["day"]),
                          published)
    if published is None:
        return None
    if groups["relative"] is not None:
        if groups["paren_month"] is not None:  # 昨天(7月22日)
            return _month_day(None, _number(groups["paren_month"]), _number(groups["paren"]),
                              published)
        if groups["paren"] is not None:  # 昨天(22日): the 22nd, on or before publication
            return _day_on_or_before(_number(groups["paren"]), published)
        return published - timedelta(days=RELATIVE_DAYS[groups["relative"]])
    return _day_on_or_before(_number(groups["bare"]), published)


def _month_day(year: str | None, month: int, day: int, published: date | None) -> date | None:
    if year is not None:
        return _date(_year(year), month, day)
    if published is None:
        return None
    found = _date(published.year, month, day)
    if found is not None and found > published + timedelta(days=LEAD_DAYS):
        found = _date(published.year - 1, month, day)
    return found


def _day_on_or_before(day: int, published: date) -> date | None:
    """The latest date with this day of the month on or before `published`."""
    year, month = published.year, published.month
    for _ in range(3):  # the 31st may be two months back
        found = _date(year, month, day)
        if found is not None and found <= published:
            return found
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year(text: str) -> int:
    return int(text) if text.isdigit() else int("".join(str(CN_DIGITS[c]) for c in text))


def _number(text: str) -> int:
    """1–31 in Arabic or Chinese numerals (七, 十二, 二十二, 廿二, 三十一)."""
    if text.isdigit():
        return int(text)
    text = text.replace("廿", "二十").replace("卅", "三十")
    if "十" not in text:
        return CN_DIGITS.get(text, 0)
    tens, _, units = text.partition("十")
    return (CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (CN_DIGITS.get(units, 0) if units else 0)
