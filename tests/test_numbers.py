"""numbers.py: Chinese and Arabic numerals, units, ranges, exact decimals."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docdiff.chinese import parse_chinese_integer
from docdiff.targets.numbers import find_quantities, parse_number, split_magnitude

_CN_DIGITS = "零一二三四五六七八九"


def write_chinese(n: int) -> str:
    """A small independent writer: 10012 → 一万零一十二, 3500 → 三千五百 (the test's oracle)."""
    if n == 0:
        return "零"

    def group(g: int) -> str:  # 0 < g < 10000
        out, zero = "", False
        for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = g // value % 10
            if d:
                if zero and out:
                    out += "零"
                out += _CN_DIGITS[d] + name
                zero = False
            else:
                zero = True
        return out

    parts, out, pending_zero = [], "", False
    for unit, name in ((10**8, "亿"), (10**4, "万"), (1, "")):
        g = n // unit % 10**4 if unit < 10**8 else n // unit
        parts.append((g, name))
    for g, name in parts:
        if g == 0:
            pending_zero = bool(out)
            continue
        if out and (pending_zero or g < 1000):
            out += "零"
        out += group(g) + name
        pending_zero = False
    return out


@pytest.mark.parametrize(("text", "value"), [
    ("三千五百", 3500), ("一万零一十二", 10012), ("两百", 200), ("百", 100), ("千", 1000), ("十", 10),
    ("十二", 12), ("二十", 20), ("一百零五", 105), ("二〇三五", 2035), ("一亿二千万", 120_000_000),
    ("三千五百万", 35_000_000), ("五百", 500), ("万", 10_000),
])
def test_chinese_integers(text: str, value: int) -> None:
    assert parse_chinese_integer(text) == value


@pytest.mark.parametrize(("text", "value"), [
    ("16.4", Decimal("16.4")), ("1,234.5", Decimal("1234.5")), ("3万4000", Decimal(34000)),
    ("1.2万", Decimal(12000)), ("16.4亿", Decimal("1640000000")), ("三千五百", Decimal(3500)),
])
def test_parse_number_is_exact(text: str, value: Decimal) -> None:
    assert parse_number(text) == value


def test_no_binary_float_drift() -> None:
    # the classic: 16.4 * 10**8 as a float is 1639999999.9999998
    assert parse_number("16.4亿") == 1_640_000_000
    assert int(parse_number("16.4亿")) == 1_640_000_000


@pytest.mark.parametrize(("numeral", "head", "mag"), [
    ("二十万亿", "二十", "万亿"), ("千亿", "千", "亿"), ("万亿", "", "万亿"), ("三千", "三千", ""),
])
def test_split_magnitude(numeral: str, head: str, mag: str) -> None:
    assert split_magnitude(numeral) == (head, mag)


def _one(text: str):
    found = find_quantities(text)
    assert len(found) == 1, found
    q = found[0]
    return q.value, q.value_high, q.unit, text[q.start:q.end]


@pytest.mark.parametrize(("text", "expected"), [
    ("增长5%—6%", (5, 6, "%", "5%—6%")),
    ("增长5.5-6%", (Decimal("5.5"), 6, "%", "5.5-6%")),
    ("试点县1—2个", (1, 2, "个", "1—2个")),
    ("达到1.2万亿元", (Decimal("1.2"), None, "万亿元", "1.2万亿元")),
    ("二十万亿", (20, None, "万亿", "二十万亿")),
    ("3万4000人", (34000, None, "人", "3万4000人")),
    ("突破千亿元", (1000, None, "亿元", "千亿元")),
    ("突破亿吨", (1, None, "亿吨", "亿吨")),
    ("五百亿级", (500, None, "亿", "五百亿")),
    ("[8]以上", (8, None, "", "[8]")),
    ("30万元/亩", (30, None, "万元/亩", "30万元/亩")),
    ("0.01人/亿元", (Decimal("0.01"), None, "人/亿元", "0.01人/亿元")),
    ("3万套(间)以上", (3, None, "万套(间)", "3万套(间)")),
    ("0.5个工作日", (Decimal("0.5"), None, "个工作日", "0.5个工作日")),
    ("提高2个百分点", (2, None, "个百分点", "2个百分点")),
    ("10‰以上", (10, None, "‰", "10‰")),
    ("20微克/立方米", (20, None, "微克/立方米", "20微克/立方米")),
    ("100年一遇", (100, None, "年一遇", "100年一遇")),
    ("8.27万,", (Decimal("8.27"), None, "万", "8.27万")),
    ("5.5万人次", (Decimal("5.5"), None, "万人次", "5.5万人次")),
    ("1,234.5万元", (Decimal("1234.5"), None, "万元", "1,234.5万元")),
    ("30 项", (30, None, "项", "30 项")),
    ("5-6万人", (5, 6, "万人", "5-6万人")),
])
def test_quantities(text: str, expected: tuple) -> None:
    assert _one(text) == expected


def test_magnitude_of_a_unit_is_not_read_again() -> None:
    # 1.2万亿元 once, not 1.2万亿元 and then 万亿元 (= 1) as a second number
    assert [q.value for q in find_quantities("1.2万亿元和16.4亿元")] == [Decimal("1.2"), Decimal("16.4")]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999_999_999_999))
def test_chinese_round_trip(n: int) -> None:
    assert parse_chinese_integer(write_chinese(n)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_arabic_with_separators_round_trip(whole: int, cents: int) -> None:
    text = f"{whole:,}.{cents:02d}"
    assert parse_number(text) == Decimal(whole) + Decimal(cents) / 100
    (q,) = find_quantities(f"达到{text}亿元")
    assert q.value == Decimal(whole) + Decimal(cents) / 100 and q.unit == "亿元"


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="0123456789.,%—-一二三四五六七八九十百千万亿元个年以上左右[]() ", max_size=60))
def test_find_quantities_never_raises_and_spans_stay_inside(text: str) -> None:
    for q in find_quantities(text):
        assert 0 <= q.start < q.number_end <= q.end <= len(text)
