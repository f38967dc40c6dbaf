"""Number parsing: examples from the genre and hypothesis property tests."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.nlp.statistics.numbers import (
    find_numbers,
    int_to_chinese,
    parse_chinese_int,
    parse_number,
)


@pytest.mark.parametrize(
    ("text", "value", "high", "hint"),
    [
        ("2181.2亿", 218120000000.0, None, None),
        ("136.8亿", 13680000000.0, None, None),
        ("1.72万亿", 1.72e12, None, None),
        ("一千二百万", 12_000_000, None, None),
        ("两千", 2000, None, None),
        ("三万五", 35000, None, None),
        ("一千二", 1200, None, None),
        ("一千零五", 1005, None, None),
        ("三亿五千万", 350_000_000, None, None),
        ("十二", 12, None, None),
        ("十余万", 100_000, None, "over"),
        ("170余", 170, None, "over"),
        ("3万多", 30000, None, "over"),
        ("3至5万", 30000, 50000, None),
        ("3-5万", 30000, 50000, None),
        ("3万至5万", 30000, 50000, None),
        ("五六百", 500, 600, "approx"),
        ("两三千", 2000, 3000, "approx"),
        ("１２３", 123, None, None),
        ("1,234.5", 1234.5, None, None),
        ("-0.35", -0.35, None, None),
    ],
)
def test_parse_examples(text: str, value: float, high: float | None, hint: str | None) -> None:
    number = parse_number(text)
    assert number is not None
    assert number.value == pytest.approx(value)
    assert number.high == (pytest.approx(high) if high is not None else None)
    assert number.hint == hint


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("百分之十二", 12, "percent"),
        ("百分之3.5", 3.5, "percent"),
        ("千分之三", 3, "permille"),
        ("三分之一", 1 / 3, "fraction"),
        ("3分之2", 2 / 3, "fraction"),
        ("三成", 30, "tenths"),
        ("二〇二五", 2025, "digits"),
    ],
)
def test_parse_kinds(text: str, value: float, kind: str) -> None:
    number = parse_number(text)
    assert number is not None and number.kind == kind
    assert number.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["十四五", "亿亿亿", "1" * 40, "", "一成不变", "千米"])
def test_not_a_single_number(text: str) -> None:
    number = parse_number(text)
    assert number is None or number.kind == "tenths" and text != "一成不变"


def test_unit_words_are_not_multipliers() -> None:
    assert [m.text for m in find_numbers("3千米")] == ["3"]
    assert [m.text for m in find_numbers("5千瓦时")] == ["5"]
    assert find_numbers("十分重要") == []


@given(st.integers(min_value=0, max_value=10**16 - 1))
def test_chinese_round_trip(n: int) -> None:
    text = int_to_chinese(n)
    assert parse_chinese_int(text) == n
    number = parse_number(text)
    assert number is not None and number.value == float(n)


@given(st.integers(min_value=1, max_value=9), st.sampled_from(["百", "千", "万"]))
def test_abbreviated_tail(d: int, unit: str) -> None:
    head = int_to_chinese(3) + unit
    scale = {"百": 100, "千": 1000, "万": 10000}[unit]
    assert parse_chinese_int(head + int_to_chinese(d)) == 3 * scale + d * scale // 10


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False),
       st.sampled_from([("万", 10**4), ("亿", 10**8), ("万亿", 10**12), ("", 1)]))
def test_arabic_with_multiplier(value, mult) -> None:
    number = parse_number(f"{value}{mult[0]}")
    if value * mult[1] > 10**16:
        assert number is None  # absurd: dropped, never inf
    else:
        assert number is not None
        assert number.value == pytest.approx(float(value) * mult[1])


@settings(max_examples=300)
@given(st.text(alphabet="0123456789.,-~至到余多万亿千百十一二两三四五六七八九〇零分之成e%年月日第届次 ",
               max_size=60))
def test_random_strings_never_crash(text: str) -> None:
    for m in find_numbers(text):
        assert math.isfinite(m.number.value)
        assert abs(m.number.value) <= 1e16
        assert m.number.high is None or math.isfinite(m.number.high)
        assert 0 <= m.start < m.end <= len(text)


@given(st.text(max_size=80))
def test_any_unicode_never_crashes(text: str) -> None:
    for m in find_numbers(text):
        assert math.isfinite(m.number.value)
