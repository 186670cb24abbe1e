"""A goal sentence → the numbers in it that can be targets, and the clause around a position.

Drops what only looks like an amount: dates (9月, 2025年), ordinals (第3), names in quotes
(“500精英计划”), labels (5G, 1+N), enumerations in small Chinese numerals (三大攻坚战) and round
magnitudes used as names (百县千碗); adds 翻一番 (2 倍) and a draft's blanks (打造XX个); drops a
size class that describes what a count counts (2个五百亿级先进制造业集群).
"""
from __future__ import annotations

import bisect
from decimal import Decimal
from functools import lru_cache

from docdiff.regex_cache import compile_regex
from docdiff.targets.numbers import UNIT_RE, Quantity, find_quantities
from docdiff.targets.rules import ACTION_VERBS, SUFFIX_COMPARATORS, strip_indicator

SENTENCE_END = "。！？!?"
CLAUSE_SEP = ",，:：;；"
# After a number: what makes it a date, ordinal, name or duration rather than an amount.
_NOT_AMOUNT_AFTER = compile_regex(r"月|日|号|周年|届|次会议|世纪|多年|年代|时期|后|前|以来|来|期间|时间|内")
_DOUBLING_RE = compile_regex(r"翻一番|翻两番|翻番|双倍增|翻了一番")
_ROUND_MAGNITUDES = ("十", "百", "千", "万", "亿", "十万", "百万", "千万", "十亿", "百亿", "千亿", "万亿")
# Chinese digits without a place value (十百千万亿): 一二三 is a list of ordinals, never 123.
_DIGIT_NUMERALS = frozenset("一二三四五六七八九两")
# Units of a span of time: after 近 they say "recent", not "nearly".
_PERIOD_UNITS = ("年", "个月", "月", "天", "日", "周", "期", "届", "轮", "次")
_PLACEHOLDER_RE = compile_regex(r"(?:XX|xx|××|\*\*)")
_QUOTE_MARK_RE = compile_regex("[“《「”》」]")
_CLAUSE_END_RE = compile_regex(f"[{CLAUSE_SEP}{SENTENCE_END}]")


def candidate_quantities(text: str) -> list[Quantity]:
    """The numbers of one sentence that may be targets, in text order."""
    depth = _quote_depth(text)
    quants = [q for q in find_quantities(text) if _plausible(q, text, depth)]
    # (find_quantities reads in text order: only a doubling or a blank, rarely written, needs the sort)
    extra = (_doubling(text, depth) if "翻" in text or "双" in text else []) + _placeholders(text)
    if extra:
        quants += extra
        quants.sort(key=lambda q: q.start)
    if "级" not in text:
        return quants  # (no size class: _size_of_counted holds for none)
    return [q for i, q in enumerate(quants) if not _size_of_counted(text, quants, i)]


def _quote_depth(text: str) -> list[int]:
    """Nesting depth inside “…”, 《…》 and 「…」 at every position (names live there)."""
    if "“" not in text and "《" not in text and "「" not in text:
        return [0] * len(text)  # most sentences quote nothing
    # From quote mark to quote mark: the stretch between two has one depth, filled at once.
    depth, out, done = 0, [], 0
    for m in _QUOTE_MARK_RE.finditer(text):
        at = m.start()
        out += [depth] * (at - done)
        if m.group() in "“《「":
            depth += 1
            out.append(depth)
        else:
            out.append(depth)  # a closing mark is inside its quote
            if depth:
                depth -= 1
        done = at + 1
    out += [depth] * (len(text) - done)
    return out


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def suffix_len(after: str) -> int:
    """Length of 以上/左右/以内 (and a space before it) right after a number."""
    stripped = after.lstrip(" ")
    for word, _ in SUFFIX_COMPARATORS:
        if stripped.startswith(word):
            return len(after) - len(stripped) + len(word)
    return 0


def _plausible(q: Quantity, text: str, depth: list[int]) -> bool:
    """False for dates, ordinals, names and enumerations: 2025年, 第3, “152”, 三大攻坚战."""
    if depth[q.start]:
        return False  # “500精英计划”, 《…2021—2025年》: names
    before = text[max(0, q.start - 2) : q.start]
    after = text[q.end : q.end + 4]
    if before.endswith("近") and (q.unit in _PERIOD_UNITS or not q.unit):
        return False  # 近3年, 近期: a span of time; 近5万亿元 is an amount, approximately
    if before.endswith(("第", "前", "每")) or (q.start and text[q.start - 1].isascii() and text[q.start - 1].isalnum()):
        return False
    if q.end < len(text) and text[q.end].isascii() and text[q.end].isalpha() and not q.unit:
        return False  # 5G, 4A级
    if text[q.end : q.end + 1] in ("+", "·", "/", ".") or before.endswith("+"):
        return False  # 1+N, 6+1
    if q.unit == "年" and q.value >= 1000:
        return False  # a year, or a span of years (2021-2025年)
    if not q.unit and 1900 <= q.value <= 2100 and q.value == q.value.to_integral_value():
        return False
    if _NOT_AMOUNT_AFTER.match(after) and q.unit in ("", "个", "年", "天", "周"):
        return False  # 9月, 70周年, 6个月, 3年内
    if q.bracketed and not q.unit:
        return False  # [1]: a footnote mark in running text (tables are read elsewhere)
    if q.unit in ("分钟", "岁", "年") and is_cjk(text[q.end + suffix_len(text[q.end:]) :][:1] or "。"):
        return False  # 15分钟生活圈, 3岁以下婴幼儿, 20年以上小区: a name or a qualifier
    if q.chinese:
        numeral = text[q.start:q.number_end]
        if len(numeral) >= 2 and all(c in _DIGIT_NUMERALS for c in numeral):
            return False  # 一二三次产业, 三四线城市: numerals side by side enumerate, they count nothing
        bare = all(c in "十百千万亿" for c in numeral)
        if bare and numeral not in _ROUND_MAGNITUDES:
            return False  # 千万亿级: not an amount anyone writes
        if bare:
            # 突破千亿元, 跃上万亿元台阶, 五百亿级: a round magnitude is an amount only after a
            # comparator verb or before 级; elsewhere it is a name (百县千碗, 千亩低洼地).
            if not (q.unit[:1] in ("万", "亿") and (before.endswith(("突破", "跃上", "超", "达到", "达"))
                                                   or after.startswith("级"))):
                return False
        elif (q.value < 10 and q.unit[:1] not in ("万", "亿") and q.unit not in ("倍", "个百分点", "%", "‰")
              and "点" not in numeral and not _counted_before(text, q)):
            # 三大, 两处, 一批: enumerations, not amounts; but a share (七%), a decimal (四点五)
            # or a count written after what it counts (培育百亿级企业三家、…) is an amount
            return False
    if not q.unit:
        stripped = after.lstrip(" ")
        if not stripped.startswith(("以上", "以下", "以内", "左右")) and not before.endswith(("至", "到", "在", "于")):
            return False
    return True


def _counted_before(text: str, q: Quantity) -> bool:
    """培育百亿级企业三家、…: a small count written after what it counts, in a clause that opens
    with an action verb, and ending its phrase (not 海洋二所 in a list of names, nor 一批, 五年)."""
    if q.value < 2 or q.unit in ("", "年", "批", "些", "次", "代", "期", "轮", "元"):
        return False  # 扶持三元、…: 三元 is a firm's name; a small count of 元 is no amount
    if text[: q.start].endswith(ACTION_VERBS):
        return False  # 新建两所: the verb counts directly, as in an enumeration
    rest = text[q.end + suffix_len(text[q.end:]) :][:1]
    if rest and rest not in CLAUSE_SEP + SENTENCE_END + "、":
        return False
    c_start, _ = clause_bounds(text, q.start)
    return strip_indicator(text[c_start : q.start]).startswith(ACTION_VERBS)


@lru_cache(maxsize=16)
def _separators(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Positions of clause separators, and of clause ends (separators and sentence ends)."""
    ends = [m.start() for m in _CLAUSE_END_RE.finditer(text)]  # (one scan: separators are among them)
    seps = tuple([p for p in ends if text[p] in CLAUSE_SEP])
    return seps, (tuple(ends) if len(ends) != len(seps) else seps)


def clause_bounds(text: str, pos: int) -> tuple[int, int]:
    """[start, end) of the clause around ``pos`` (bisect over precomputed separators)."""
    seps, ends = _separators(text)
    i = bisect.bisect_left(seps, pos)
    start = seps[i - 1] + 1 if i else 0
    j = bisect.bisect_left(ends, pos)
    return start, ends[j] if j < len(ends) else len(text)


def _doubling(text: str, depth: list[int]) -> list[Quantity]:
    """翻一番 → 2 倍, 翻两番 → 4 倍 (GUIDELINES: a multiple is a value with unit 倍)."""
    out = []
    for m in _DOUBLING_RE.finditer(text):
        if text[m.end():].lstrip("”").startswith(("计划", "行动", "工程", "战略")):
            continue  # 倍增计划: a programme's name
        if depth[m.start()] and not (text[m.start() - 1 : m.start()] == "“" and text[m.end() : m.end() + 1] == "”"):
            continue
        _, c_end = clause_bounds(text, m.start())
        if text[c_end + 1 : c_end + 3] in ("分别", "均为"):
            continue  # …比2025年翻一番,分别突破2000亿元…: the amounts that follow are the targets
        value = Decimal(4) if "两" in m.group(0) else Decimal(2)
        out.append(Quantity(value=value, value_high=None, unit="倍", start=m.start(), end=m.end(),
                            number_end=m.end(), chinese=False))
    return out


def _placeholders(text: str) -> list[Quantity]:
    """到2025年打造XX个美丽城镇: a draft's blank is a target whose value is not yet written."""
    out: list[Quantity] = []
    if "X" not in text and "x" not in text and "×" not in text and "*" not in text:
        return out  # (most sentences: every blank is written with one of these)
    for m in _PLACEHOLDER_RE.finditer(text):
        unit = _unit_at(text, m.end())
        after = text[m.end() + len(unit) :]
        if unit or after.startswith(("以上", "以下", "左右", "以内")):
            out.append(Quantity(value=None, value_high=None, unit=unit, start=m.start(),
                                end=m.end() + len(unit), number_end=m.end(), chinese=False))
    return out


def _unit_at(text: str, pos: int) -> str:
    m = UNIT_RE.match(text, pos)
    return m.group(0) if m else ""


def _size_of_counted(text: str, quants: list[Quantity], i: int) -> bool:
    """五百亿级 right after a count (2个五百亿级先进制造业集群): the size of what is counted."""
    q = quants[i]
    if not text.startswith("级", q.end) or i == 0:
        return False
    c_start, _ = clause_bounds(text, q.start)
    return any(p.start >= c_start and p.unit != "倍" for p in quants[:i])
