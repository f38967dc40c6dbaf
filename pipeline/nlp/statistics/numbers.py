"""Chinese / Arabic numeral parsing: pure functions, no spaCy.

`parse_number("2181.2亿")` → `ParsedNumber(value=218120000000.0, ...)`;
`find_numbers(text)` scans a string and returns every numeric expression with character
offsets, its value (float, finite), an optional upper bound for ranges (3至5万, 五六百)
and a qualifier hint from inside the number (170余, 十余万, 3万多 → "over").

Kinds: "cardinal" (plain number), "digits" (二〇二五: a digit-by-digit Chinese run, only
meaningful as a year), "percent" (百分之十二 → 12), "permille", "fraction" (三分之一 → 1/3),
"tenths" (三成 → 30, a percentage). Values are computed with `Decimal` so 136.8亿 is exactly
13680000000.0, and anything absurd (beyond `MAX_ABS`, 40-digit runs, 亿亿亿) is dropped.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

MAX_ABS = Decimal("1e16")  # beyond any real economic figure (world GDP ≈ 1e14 USD)
MAX_DIGITS = 18

CN_DIGITS = {
    "〇": 0, "零": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
CN_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
CN_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS)
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")

# 千 / 百 / 十 that start a unit word rather than multiply: 千米, 千克, 千瓦, 百分点, 十分
_UNIT_AFTER_MULT = {"千": "米克瓦卡焦帕伏赫兆字", "百": "分", "十": "分足"}
_CONNECTORS = "至到~-—－–〜"
_ARABIC = r"[-−]?\d+(?:,\d{3})+(?![\d,])(?:\.\d+)?|[-−]?\d+(?:\.\d+)?"
_CN_RUN = f"[{CN_CHARS}]+"
_MULT = "[十百千万亿萬億]"
_OVER = "[余多]"
_NUMBER_RE = re.compile(
    rf"(?P<pct>百分之|千分之)?(?:(?P<ar>{_ARABIC})|(?P<cn>{_CN_RUN}))"
)


@dataclass(frozen=True)
class ParsedNumber:
    """One numeric expression: `value` (and `high` for ranges) as finite floats."""

    value: float
    high: float | None = None
    kind: str = "cardinal"
    hint: str | None = None  # "over" for 余/多 inside the number, "approx" for 五六百
    script: str = "arabic"  # arabic | chinese | mixed
    multiplier: int = 1  # 万 → 10000 as written after an Arabic number


@dataclass(frozen=True)
class NumberMatch:
    """A `ParsedNumber` found in a text at `text[start:end]`."""

    start: int
    end: int
    text: str
    number: ParsedNumber


def to_float(value: Decimal) -> float | None:
    """A finite float within `MAX_ABS`, else None."""
    try:
        if not value.is_finite() or abs(value) > MAX_ABS:
            return None
        out = float(value)
    except (InvalidOperation, OverflowError, ValueError):
        return None
    return out if math.isfinite(out) else None


def parse_arabic(text: str) -> Decimal | None:
    """'1,234.5' / '１２' / '-0.35' → Decimal; None when not a sane number."""
    text = text.translate(FULLWIDTH_DIGITS).replace(",", "").replace("−", "-")
    digits = text.lstrip("-").split(".")[0]
    if not text or len(digits) > MAX_DIGITS:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def multiplier_of(text: str) -> int | None:
    """'万' → 10**4, '千万' → 10**7, '万亿' → 10**12; None if not a multiplier chain."""
    if not text:
        return 1
    total = 1
    for ch in text:
        factor = CN_SMALL_UNITS.get(ch) or CN_BIG_UNITS.get(ch)
        if factor is None:
            return None
        total *= factor
    return total if total <= 10**16 else None


def parse_chinese_int(text: str) -> Decimal | None:
    """'一千二百万' → 12000000, '三万五' → 35000, '两千' → 2000, '十二' → 12.

    Digit runs without units ('二〇二五') read digit by digit. None when malformed.
    """
    if not text or any(ch not in CN_CHARS for ch in text):
        return None
    if all(ch in CN_DIGITS for ch in text):
        if len(text) > MAX_DIGITS:
            return None
        return Decimal("".join(str(CN_DIGITS[ch]) for ch in text))
    total = section = Decimal(0)
    number: Decimal | None = None
    last_unit = 0
    prev_was_digit = False
    zero_seen = False
    for ch in text:
        if ch in CN_DIGITS:
            if prev_was_digit and CN_DIGITS[ch] != 0 and number not in (None, 0):
                return None  # two digits in a row (五六百) — handled as a range elsewhere
            d = CN_DIGITS[ch]
            zero_seen = zero_seen or d == 0
            number = Decimal(d)
            prev_was_digit = True
            continue
        prev_was_digit = False
        if ch in CN_SMALL_UNITS:
            unit = CN_SMALL_UNITS[ch]
            if unit >= last_unit and last_unit and last_unit < 10**4:
                return None  # 十百, 百千: not a number
            section += (number if number is not None else Decimal(1)) * unit
            last_unit, number, zero_seen = unit, None, False
        else:
            unit = CN_BIG_UNITS[ch]
            if unit == 10**4 and section == 0 and number is None and total == 0:
                section = Decimal(1)
            if unit == 10**8:
                total = (total + section + (number or 0)) * unit
                if total == 0:
                    total = Decimal(unit)
                section = Decimal(0)
            else:
                section = (section + (number or 0)) * unit
            last_unit, number, zero_seen = unit, None, False
        if total + section > MAX_ABS:
            return None
    if number is not None:
        if last_unit >= 100 and not zero_seen:
            number *= Decimal(last_unit) / 10  # 三万五 = 35000, 一千二 = 1200
        section += number
    result = total + section
    return result if result <= MAX_ABS else None


_CN_RANGE_RE = re.compile(
    "(?P<head>[十百千万亿]*|.*[十百千万亿])(?P<a>[一两二三四五六七八九])(?P<b>[两二三四五六七八九])"
    "(?P<tail>[十百千万亿]*)"
)


def _cn_range(text: str) -> tuple[Decimal, Decimal] | None:
    """'五六百' → (500, 600), '两三千' → (2000, 3000), '十五六万' → (150000, 160000)."""
    m = _CN_RANGE_RE.fullmatch(text)
    if not m or (m["head"] and not m["tail"] and m["head"] != "十"):
        return None
    a, b = CN_DIGITS[m["a"]], CN_DIGITS[m["b"]]
    if b != a + 1:
        return None
    if m["head"] == "十" and not m["tail"]:
        return None  # 十四五: a plan name, not 14–15
    low = parse_chinese_int(m["head"] + m["a"] + m["tail"])
    high = parse_chinese_int(m["head"] + m["b"] + m["tail"])
    if low is None or high is None:
        return None
    return low, high


def int_to_chinese(n: int) -> str:
    """Write a non-negative integer < 10**16 as a Chinese numeral (一千二百万, 十二, 一百零五)."""
    if n < 0 or n >= 10**16:
        raise ValueError("out of range")
    if n == 0:
        return "零"
    text = _cn_compose(n)
    return text[1:] if text.startswith("一十") else text


def _cn_compose(n: int) -> str:
    for size, name in ((10**8, "亿"), (10**4, "万")):
        if n >= size:
            high, low = divmod(n, size)
            tail = ""
            if low:
                tail = ("零" if low < size // 10 else "") + _cn_compose(low)
            return _cn_compose(high) + name + tail
    return _group_to_chinese(n, "零一二三四五六七八九")


def _group_to_chinese(g: int, digits: str) -> str:
    parts = []
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = g // unit % 10
        if d == 0:
            zero = bool(parts)
            continue
        if zero:
            parts.append("零")
            zero = False
        parts.append(digits[d] + name)
    return "".join(parts)


def parse_number(text: str) -> ParsedNumber | None:
    """Parse one whole numeric expression; None if `text` is not exactly a number."""
    text = text.strip().translate(FULLWIDTH_DIGITS)
    matches = find_numbers(text)
    if len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(text):
        return matches[0].number
    return None


def find_numbers(text: str) -> list[NumberMatch]:
    """Every numeric expression in `text`, left to right, non-overlapping."""
    norm = text.translate(FULLWIDTH_DIGITS)
    out: list[NumberMatch] = []
    pos = 0
    while pos < len(norm):
        m = _NUMBER_RE.search(norm, pos)
        if not m:
            break
        found = _read_at(norm, m)
        if found is None:
            pos = m.end()
            continue
        end, number = found
        out.append(NumberMatch(m.start(), end, text[m.start():end], number))
        pos = end
    return out


def _read_at(text: str, m: re.Match) -> tuple[int, ParsedNumber] | None:
    """Read the expression starting at match `m`: number, multiplier, 余/多, range, 分之, 成."""
    if m["pct"]:
        return _read_percent_words(m)
    first = _read_simple(text, m)
    if first is None:
        return None
    end, low, hint, script, mult, kind = first
    high = None
    if kind == "digits":
        number = _make(low, None, "digits", None, script, 1)
        return (end, number) if number else None
    if kind == "range":
        low, high = low
    else:
        frac = _read_fraction(text, end, low)
        if frac is not None:
            number = _make(frac[1], None, "fraction", None, script, 1)
            return (frac[0], number) if number else None
        rng = _read_range(text, end, mult, script) if hint is None else None
        if rng is not None:
            end, high, high_mult, hint = rng
            if mult == 1 and high_mult != 1:
                low, mult = low * high_mult, high_mult
            if high < low:
                return None
    if end < len(text) and text[end] == "成" and _is_tenths(text, end, low):
        number = _make(low * 10, high * 10 if high is not None else None, "tenths", hint, script, 1)
        return (end + 1, number) if number else None
    number = _make(low, high, "cardinal", hint, script, mult)
    return (end, number) if number else None


def _read_simple(text: str, m: re.Match):
    """Number + multiplier chain + 余/多. Returns (end, value, hint, script, mult, kind)."""
    if m["ar"]:
        return _read_arabic(text, m)
    if len(m["cn"]) > 2 * MAX_DIGITS:
        return None  # 一一一一…: not a number
    run, run_end = _trim_cn_run(text, m.start("cn"), m["cn"], m.end("cn"))
    if not run:
        return None
    if run_end < len(text) and text[run_end] in "余多" and run[-1] in "十百千万亿":
        value = parse_chinese_int(run)  # 十余万 / 三百多万 / 一百余
        tail = _mult_chain(text, run_end + 1)
        if value is None:
            return None
        return run_end + 1 + len(tail), value * (multiplier_of(tail) or 1), "over", "chinese", 1, \
            "cardinal"
    if len(run) > 1 and all(ch in CN_DIGITS for ch in run):
        rng = _cn_range(run)
        if rng is not None:
            return run_end, rng, "approx", "chinese", 1, "range"
        value = parse_chinese_int(run) if len(run) == 4 else None
        return (run_end, value, None, "chinese", 1, "digits") if value is not None else None
    value = parse_chinese_int(run)
    if value is not None:
        return run_end, value, None, "chinese", 1, "cardinal"
    rng = _cn_range(run)
    return (run_end, rng, "approx", "chinese", 1, "range") if rng is not None else None


def _read_arabic(text: str, m: re.Match):
    value = parse_arabic(m["ar"])
    if value is None:
        return None
    end = m.end("ar")
    hint = None
    if end < len(text) and text[end] in "余多" and _mult_chain(text, end + 1):
        hint, end = "over", end + 1  # 1多万 (rare)
    mult_text = _mult_chain(text, end)
    mult = multiplier_of(mult_text) or 1
    end += len(mult_text)
    if hint is None and end < len(text) and text[end] in "余多":
        hint, end = "over", end + 1
    return end, value * mult, hint, "mixed" if mult_text else "arabic", mult, "cardinal"


def _trim_cn_run(text: str, start: int, run: str, end: int) -> tuple[str, int]:
    """Stop a Chinese numeral run before 千米 / 百分点 / 十分 style unit words."""
    for i, ch in enumerate(run):
        nxt = text[start + i + 1] if start + i + 1 < len(text) else ""
        if ch in _UNIT_AFTER_MULT and nxt and nxt in _UNIT_AFTER_MULT[ch]:
            return run[:i], start + i
    return run, end


def _mult_chain(text: str, pos: int) -> str:
    """The multiplier characters (千万, 万亿) at `pos`, stopping before unit words (千米)."""
    end = pos
    while end < len(text) and text[end] in "十百千万亿萬億":
        ch = text[end]
        nxt = text[end + 1] if end + 1 < len(text) else ""
        if ch in _UNIT_AFTER_MULT and nxt and nxt in _UNIT_AFTER_MULT[ch]:
            break
        end += 1
    chain = text[pos:end]
    return chain if multiplier_of(chain) is not None else ""


def _read_range(text: str, pos: int, mult: int, script: str):
    """'至5万' after a number: (end, high value, high multiplier, hint) or None."""
    if pos >= len(text) or text[pos] not in _CONNECTORS:
        return None
    m = _NUMBER_RE.match(text, pos + 1)
    if not m or m["pct"] or (m["ar"] or "").startswith(("-", "−")):
        return None
    if (m["ar"] is None) != (script == "chinese"):
        return None  # 3至五万: mixed scripts on the two sides, not a range
    second = _read_simple(text, m)
    if second is None or second[5] != "cardinal":
        return None
    end, high, hint, _script, high_mult, _kind = second
    if high_mult == 1 and mult != 1:
        return None
    return end, high, high_mult, hint


def _read_fraction(text: str, pos: int, denominator) -> tuple[int, Decimal] | None:
    """'分之一' after the denominator: (end, fraction)."""
    if not text.startswith("分之", pos) or isinstance(denominator, tuple) or denominator == 0:
        return None
    m = _NUMBER_RE.match(text, pos + 2)
    if not m or m["pct"]:
        return None
    num = parse_arabic(m["ar"]) if m["ar"] else parse_chinese_int(m["cn"])
    if num is None:
        return None
    return m.end(), num / denominator


def _read_percent_words(m: re.Match) -> tuple[int, ParsedNumber] | None:
    """百分之十二 → 12 (percent), 千分之三 → 3 (permille)."""
    value = parse_arabic(m["ar"]) if m["ar"] else parse_chinese_int(m["cn"])
    if value is None or isinstance(value, tuple):
        return None
    kind = "percent" if m["pct"] == "百分之" else "permille"
    script = "arabic" if m["ar"] else "chinese"
    return m.end(), _make(value, None, kind, None, script, 1)


_TENTHS_WORDS = set("为了功果立员本熟长绩效就交片型家才行都市立份品分色规倍批群套")


def _is_tenths(text: str, pos: int, value: Decimal) -> bool:
    """X成 meaning X×10 %: one digit, not the verb 成 (建成, 成为, 一成不变)."""
    if not 0 < value <= 10:
        return False
    nxt = text[pos + 1] if pos + 1 < len(text) else ""
    return nxt not in _TENTHS_WORDS and not text.startswith("不变", pos + 1)


def _make(value: Decimal, high: Decimal | None, kind: str, hint: str | None, script: str,
          mult: int) -> ParsedNumber | None:
    low = to_float(value)
    if low is None:
        return None
    high_f = to_float(high) if high is not None else None
    return ParsedNumber(low, high_f, kind, hint, script, mult)
