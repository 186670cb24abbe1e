"""Values shared out over a list: 分别增长7%和8% (one value per listed indicator) and one value for
several subjects under 均/分别 (亩均增加值、亩均税收均增长10%); 城乡 splits into 城镇 and 农村.
"""
from __future__ import annotations

import re

from msgspec.structs import replace

from docdiff.model import Comparator
from docdiff.regex_cache import compile_regex
from docdiff.targets.candidates import clause_bounds
from docdiff.targets.drafts import CONTEXT_CHARS, Draft, suffix_len_at, text_after
from docdiff.targets.numbers import Quantity
from docdiff.targets.rules import comparator_for, strip_indicator

# 分别/均 share a value out; 亩均, 人均, 年均 are part of a name.
_DISTRIBUTE_RE = compile_regex(r"分别|(?<![亩人年户村平日月生校床])均(?![衡等匀值])")
_URBAN_RURAL = ("城镇", "农村")
_BASE_YEAR_SPLIT_RE = compile_regex(r"(?:比|较)(?:20\d\d年)")


def value_lists(text: str, quants: list[Quantity]) -> list[list[int]]:
    """Runs of values joined only by 、/和 (170万元以上和34万元以上): one per listed indicator."""
    runs: list[list[int]] = []
    for i, q in enumerate(quants):
        if runs and runs[-1][-1] == i - 1:
            prev = quants[i - 1]
            gap = text[prev.end + suffix_len_at(text, prev.end) : q.start]
            if gap.strip(" ") in ("、", "和", "及", "与", ",", "，"):
                runs[-1].append(i)
                continue
        runs.append([i])
    return [r for r in runs if len(r) > 1]


def _subject_items(subject: str) -> list[str]:
    subject = _BASE_YEAR_SPLIT_RE.split(subject)[0]
    items, depth, start = [], 0, 0
    for i, ch in enumerate(subject):  # 各县(市、区): a 、 inside brackets separates nothing
        if ch in "(（":
            depth += 1
        elif ch in ")）" and depth:
            depth -= 1
        elif depth == 0 and ch in "、和及":
            items.append(subject[start:i].removesuffix("以"))  # 以及
            start = i + 1
    items.append(subject[start:])
    return [strip_indicator(it).removesuffix("等") for it in items if strip_indicator(it)]


def read_value_list(text: str, quants: list[Quantity], run: list[int], consumed: set[int]) -> list[Draft]:
    """分别增长7%和8%, 分别突破2000亿元、30万元、18万元: one value per listed indicator."""
    first, last = quants[run[0]], quants[run[-1]]
    c_start, c_end = clause_bounds(text, first.start)
    region = text[c_start : first.start]
    m = _DISTRIBUTE_RE.search(region)
    if m is None:
        return []
    subject, verb = region[: m.start()], region[m.end():]
    if not strip_indicator(subject):  # …翻一番,分别突破…: the subject is the clause before
        p_start, _ = clause_bounds(text, max(0, c_start - 1))
        subject = text[p_start : c_start - 1]
    items = _subject_items(subject)
    if len(items) == 1 and items[0].startswith("城乡") and len(run) == 2:
        items = [items[0].replace("城乡", u, 1) for u in _URBAN_RURAL]
    if len(items) != len(run):
        return []
    items = _complete_modifiers(items)
    verb = strip_indicator(verb)
    verb = verb if re.fullmatch(r"增长|下降|降低|提高|提升|减少|增加", verb) else ""
    shared = comparator_for("", text_after(text, last.end))
    out = []
    for item, i in zip(items, run):
        q = quants[i]
        comp = comparator_for("", text_after(text, q.end))
        if comp == Comparator.EQ:
            comp = comparator_for(region[-3:], "")  # 分别突破A、B、C: 突破 governs all three
        if comp == Comparator.EQ:
            comp = shared
        end = q.end + suffix_len_at(text, q.end)
        item_at = max(text.rfind(item[:2], 0, first.start), c_start) if item[:2] in text[:first.start] else c_start
        out.append(Draft(indicator=item + verb, value=q.value, value_high=q.value_high, unit=q.unit,
                          comparator=comp, start=min(item_at, q.start), end=end, context=text[max(c_start, q.start - CONTEXT_CHARS) : c_end][: CONTEXT_CHARS * 2]))
        consumed.add(i)
    return out


# Without 均 a rate still holds for each short modifier listed before its noun: 新建、改建农村公路
# 优良率达到85% → 新建农村公路优良率, 改建农村公路优良率. (An amount is a total: 新建、改建农村公路
# 500公里 is 500 km in all, one target.)
_RATE_UNITS = ("%", "‰", "个百分点", "百分点")
MAX_MODIFIER = 4


# The change a list of subjects shares: 社会消费品零售总额、固定资产投资增长4%左右.
_SHARED_CHANGE_RE = compile_regex(r"(?:年均|同比|比上年)?(?:增长|增速|增幅|下降|降低|提高)$")
_CHANGE_WORD_RE = compile_regex(r"增长|增速|增幅|下降|降低|提高")


def _share_out_rate(d: Draft) -> list[Draft]:
    """One target per listed subject of a rate: modifiers of one noun (新建、改建农村公路优良率),
    or subjects sharing one change (社会消费品零售总额、固定资产投资增长); else ``[d]``."""
    if d.unit not in _RATE_UNITS or "、" not in d.indicator:
        return [d]
    items = [strip_indicator(it) for it in _top_level_items(d.indicator)]
    if len(items) < 2 or not all(items):
        return [d]
    *heads, last = items
    change = _SHARED_CHANGE_RE.search(last)
    if change and len(last) > len(change.group()) and not any(_CHANGE_WORD_RE.search(h) for h in heads):
        return [replace(d, indicator=h + change.group()) for h in heads] + [replace(d, indicator=last)]
    if any(len(h) > MAX_MODIFIER or len(h) != len(heads[0]) for h in heads):
        return [d]
    tail = last[len(heads[0]):]
    if len(tail) < 2:
        return [d]
    return [replace(d, indicator=h + tail) for h in heads] + [replace(d, indicator=last)]


def _complete_modifiers(items: list[str]) -> list[str]:
    """城镇、农村居民人均可支配收入 → 城镇居民人均可支配收入, 农村居民人均可支配收入: two-character
    modifiers listed before the noun the last item spells out share that noun."""
    *heads, last = items
    if not heads or any(len(h) != 2 for h in heads) or len(last) < 4:
        return items
    return [h + last[2:] for h in heads] + [last]


def _top_level_items(text: str) -> list[str]:
    """``text`` split at the 、 outside brackets and quotes."""
    items, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "(（“《":
            depth += 1
        elif ch in ")）”》" and depth:
            depth -= 1
        elif depth == 0 and ch == "、":
            items.append(text[start:i])
            start = i + 1
    items.append(text[start:])
    return items


def distribute(d: Draft, shared: bool) -> list[Draft]:
    """One value shared by a listed subject: 亩均增加值、亩均税收均增长10% → two targets.

    Only with 分别/均 (inside the indicator, or ``shared``: just before the value), or for
    翻一番; 城乡 splits into 城镇 and 农村 under 分别.
    """
    marker = _DISTRIBUTE_RE.search(d.indicator)
    if marker is None and not shared and d.unit != "倍":
        return _share_out_rate(d)
    subject = d.indicator[: marker.start()] if marker else d.indicator
    verb = strip_indicator(d.indicator[marker.end():]) if marker else ""
    items = _subject_items(subject)
    if len(items) == 1 and items[0].startswith("城乡") and marker and marker.group(0) == "分别":
        items = [items[0].replace("城乡", u, 1) for u in _URBAN_RURAL]
    if len(items) <= 1:
        if marker:
            return [replace(d, indicator=strip_indicator(subject) + verb)]
        return [d]
    return [replace(d, indicator=it + verb) for it in items]
