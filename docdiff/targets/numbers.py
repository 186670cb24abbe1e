"""Numbers as Chinese documents write them: text → exact Decimal value, unit, range.

Handles Arabic digits (with thousands separators and decimals; full-width digits are folded by
the caller through ``Document.norm``), Chinese numerals (三千五百, 一万零一十二, 两百, 百, 千),
mixed forms (1.2万亿, 3万4000, 二十万亿), ranges (5%—6%, 5.5-6%, 1—2个) and units. Values stay as
written: a trailing 万/亿 is not multiplied in, it moves to the unit (1.2万亿元 → 1.2, "万亿元"),
as shared/gold/GUIDELINES.md asks. All arithmetic is ``decimal.Decimal`` so that 16.4亿 never
turns into 1639999999.
"""
from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from msgspec import Struct

from docdiff.chinese import (
    CN_BIG_UNITS,
    CN_DECIMAL_DIGITS,
    CN_NUMERAL_CHARS,
    CN_SMALL_UNITS,
    alternation,
    parse_chinese_decimal,
    parse_chinese_integer,
)
from docdiff.lazy_regex import lazy_compile
from docdiff.measure_words import MEASURE_WORDS
from docdiff.regex_cache import compile_regex

# Magnitude words that stay in the unit rather than in the value (GUIDELINES: "no scaling").
MAGNITUDES = ("万亿", "千万", "百万", "十万", "万", "亿")

# Base units as written after a number, longest first so that 万人次 is not read as 万人 + 次.
# Compound units (万元/人, 微克/立方米) are assembled by UNIT_RE from these pieces.
BASE_UNITS = tuple(sorted({
    "%", "‰", "个百分点", "百分点", "倍", "元", "美元", "欧元", "吨", "千克", "公斤", "立方米", "平方米",
    "平方公里", "平方千米", "公顷", "亩", "公里", "千米", "米", "千瓦时", "千瓦", "兆瓦", "瓦", "度",
    *MEASURE_WORDS, "岁", "年",
    "天", "小时", "分钟", "秒", "标箱", "箱", "TEU", "teu",
    "微克/立方米", "ug/m3", "μg/m3", "毫克/升", "立方米/秒", "年一遇", "环节", "万分之", "床", "册",
    "千卡", "斤", "吨标准煤", "吉瓦时", "吉瓦", "兆瓦时", "千伏安", "GWh", "MWh", "标方", "吨标煤", "千瓦时", "蒸吨", "标准箱", "km", "KM", "kW", "MW", "GW", "kWh", "m2", "m3",
}, key=lambda w: (-len(w), w)))

# Units that a per-unit suffix (/人, /亩, /亿元) may follow, and the suffixes themselves.
PER_SUFFIXES = ("人", "亩", "亿元", "万元", "户", "年", "平方米", "吨", "千人", "万人", "百人", "天", "日")


# An Arabic number: 1,234.56 / 1234 / .5 is not a number in these texts.
ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
# A Chinese numeral run (no nested quantifier: one character class, bounded).
CHINESE = f"[{CN_NUMERAL_CHARS}]{{1,12}}"
# 五点五, 一点五六: a Chinese decimal (digits after 点 are read one by one).
CHINESE_DECIMAL = f"[{CN_NUMERAL_CHARS}]{{1,12}}点[{CN_DECIMAL_DIGITS}]{{1,6}}"

_BASE = rf"(?:{alternation(BASE_UNITS)})(?:/(?:{alternation(PER_SUFFIXES)}))?(?:[(（](?:个|间|套|人|条|座|家)[)）])?"
# 万元/人, 亿吨, 万 alone (8.27万), %; the magnitude part is optional, the base part too after one.
UNIT_RE = compile_regex(rf"(?:{alternation(MAGNITUDES)})(?:{_BASE})?|{_BASE}")


def parse_arabic(text: str) -> Decimal:
    """'1,234.50' → Decimal('1234.50'); full-width digits must be folded first."""
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"not a number: {text!r}") from None


# One number as it may be written: Arabic, Chinese, or Arabic followed by a Chinese
# magnitude and more digits (3万4000).
NUMBER_RE = lazy_compile(rf"(?:{ARABIC}|{CHINESE})")  # read for its pattern (prefilter); rarely run
_MIXED_RE = compile_regex(rf"({ARABIC})(万|亿)(\d{{1,4}})(?![\d.])")
_ARABIC_RE = compile_regex(ARABIC)
_ARABIC_MAGNITUDE_RE = compile_regex(rf"({ARABIC})(万亿|万|亿)")
_ARABIC_MIXED_RE = compile_regex(rf"{ARABIC}(?:万|亿)\d{{1,4}}")


def parse_number(text: str) -> Decimal:
    """Any single written number, with no unit: '16.4' → 16.4, '三千五百' → 3500, '3万4000' → 34000.

    A trailing 万/亿 *is* multiplied in here; callers that must keep it in the unit split it off
    first (see ``split_magnitude``).
    """
    text = text.strip()
    m = _MIXED_RE.fullmatch(text)
    if m:
        return parse_arabic(m.group(1)) * CN_BIG_UNITS[m.group(2)] + Decimal(m.group(3))
    if _ARABIC_RE.fullmatch(text):
        return parse_arabic(text)
    m = _ARABIC_MAGNITUDE_RE.fullmatch(text)
    if m:
        return parse_arabic(m.group(1)) * (10**12 if m.group(2) == "万亿" else CN_BIG_UNITS[m.group(2)])
    return parse_chinese_integer(text)


def split_magnitude(numeral: str) -> tuple[str, str]:
    """A Chinese numeral's trailing magnitude that belongs in the unit: 二十万亿 → (二十, 万亿).

    A bare magnitude keeps its leading one: 千亿 → (千, 亿), 万亿 → ('', 万亿) meaning 1.
    """
    for mag in ("万亿", "亿", "万"):
        if numeral.endswith(mag):
            head = numeral[: -len(mag)]
            # 一万零一十二 has more digits after its 万, so it never reaches here whole
            return head, mag
    return numeral, ""


class Quantity(Struct, frozen=True, gc=False):
    """A number found in text: value as written, optional upper bound, unit, and its extent."""

    value: Decimal | None  # None only for a draft's placeholder (打造XX个)
    value_high: Decimal | None
    unit: str
    start: int  # offset of the first character of the number
    end: int  # offset just after the unit
    number_end: int  # offset just after the number (before the unit)
    chinese: bool  # written in Chinese numerals (三千), which enumerations also use
    bracketed: bool = False  # "[8]": a five-year total in a plan's indicator table


_RANGE_SEP = "-－—–~～至到"
# 百分之十八 / 千分之五: a share written in words, value 18 with unit %.
_PER_WORDS = {"百分之": "%", "千分之": "‰"}
_QTY_RE = compile_regex(
    rf"(?P<per>百分之|千分之)?"
    rf"(?P<open>\[)?(?P<num>{ARABIC}(?:(?:万|亿)\d{{1,4}}(?![\d.]))?|{CHINESE_DECIMAL}|{CHINESE})(?P<close>\])?"
    rf"(?:(?P<u1>%|‰)?[{_RANGE_SEP}]{{1,2}}(?P<high>{ARABIC}|{CHINESE}))?"
)

_NUM, _CLOSE, _HIGH = (_QTY_RE.groupindex[g] for g in ("num", "close", "high"))
# Every character a match of _QTY_RE can start with: 百分之/千分之, [, a digit, a Chinese numeral.
_QTY_START_RE = compile_regex(rf"[\[\d{CN_NUMERAL_CHARS}百千]")


@lru_cache(maxsize=2048)
def _to_value(numeral: str) -> tuple[Decimal, str]:
    """The value as written and the magnitude that moves to the unit. (Cached: 一, 两, 十四五
    recur in every sentence, and a Chinese numeral is parsed in Python.)"""
    if numeral.isdecimal():
        return Decimal(numeral), ""  # most numbers: digits only (what ARABIC's \d matches)
    if _ARABIC_MIXED_RE.fullmatch(numeral):
        return parse_number(numeral), ""
    if _ARABIC_RE.fullmatch(numeral):
        return parse_arabic(numeral), ""
    if "点" in numeral:
        return parse_chinese_decimal(numeral), ""
    head, mag = split_magnitude(numeral)
    if not head:  # 万亿元, 亿吨: one
        return Decimal(1), mag
    if head in CN_SMALL_UNITS or (mag and head[-1] in CN_SMALL_UNITS and len(head) == 1):
        return parse_chinese_integer(head), mag  # 千亿 → 1000 亿
    return parse_chinese_integer(head), mag


def find_quantities(text: str) -> list[Quantity]:
    """Every number in ``text`` (already width-folded) with the unit written after it.

    '增长5%—6%' → [5..6 %]; '1.2万亿元' → [1.2 万亿元]; '二十万亿' → [20 万亿]; '[8]以上' → [8, bracketed].
    """
    out: list[Quantity] = []
    at = 0
    unit_match = UNIT_RE.match
    while (m := _next_quantity(text, at)) is not None:
        start = m.start()
        at = m.end()  # (never empty: a match holds a numeral)
        # (groups by number, not by name: this loop runs for every number of every sentence)
        per, opened, numeral, closed, u1, high_numeral = m.groups()
        num_end = m.end(_NUM)
        if per:
            # 百分之十八, 百分之百 (the numeral after 之 is the whole share), 百分之50
            try:
                value = parse_arabic(numeral) if numeral[0].isdigit() else parse_chinese_integer(numeral)
            except ValueError:
                continue
            out.append(Quantity(value, None, _PER_WORDS[per], start, num_end, num_end, False))
            continue
        chinese = not numeral[0].isdigit()
        try:
            value, mag = _to_value(numeral)
        except ValueError:
            continue
        high = None
        pos = m.end(_CLOSE) if closed else num_end
        if high_numeral:
            try:
                high_value, high_mag = _to_value(high_numeral)
            except ValueError:
                high_value, high_mag = None, ""
            if high_value is not None and high_mag == mag and high_value > value:
                high, pos = high_value, m.end(_HIGH)
            elif high_value is not None and not mag and high_mag and high_value > value:
                # 5-6万: the magnitude written once, after the upper bound
                high, mag, pos = high_value, high_mag, m.end(_HIGH)
        number_end = pos
        unit = mag
        unit_m = unit_match(text, pos + (text[pos : pos + 1] == " "))  # "30 项" in some replies
        if unit_m and not (mag and unit_m.group().startswith(("万", "亿"))):
            unit, pos = mag + unit_m.group(), unit_m.end()
        elif high is not None and u1:
            unit = u1
        if pos > at:
            at = pos  # never read 万 of 1.2万亿元 again as a number of its own
        out.append(Quantity(value, high, unit, start, pos, number_end, chinese, bool(opened and closed)))
    return out


def _next_quantity(text: str, at: int) -> re.Match[str] | None:
    """``_QTY_RE.search(text, at)``, found by trying the pattern only where a quantity can start:
    _QTY_RE opens with optional groups, so re cannot scan for its first characters itself and
    tries the whole pattern at every position (the most frequent search of target extraction)."""
    while (start := _QTY_START_RE.search(text, at)) is not None:
        m = _QTY_RE.match(text, start.start())
        if m is not None:
            return m
        at = start.start() + 1
    return None


def to_float(value: Decimal | None) -> float | int | None:
    """Decimal → float for the model (exact for every value a document writes); a whole number
    too large for a float (400 digits) stays an exact int, never ``inf``; a fraction a float
    cannot hold (0.(400 zeros)1 would be 0, a 400-digit fraction inf) is None, never wrong."""
    if value is None:
        return None
    f = float(value)
    if math.isinf(f) and value == value.to_integral_value():
        return int(value)
    if not math.isfinite(f) or (f == 0.0 and value != 0):
        return None
    return f
