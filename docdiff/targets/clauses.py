"""One goal sentence → draft targets: number, unit, indicator, comparator.

Every candidate number (``candidates.py``: not a date, ordinal, name or enumeration) is read
with the words around it: the indicator written before it (or, after a bare verb, the thing counted after it:
新建2所公立幼儿园), 以上/控制在/左右, value lists under 分别 (分别增长7%和8%), subjects shared
by 均, and qualifiers that only describe what is counted (投资5000万元以上医疗项目9个).
"""
from __future__ import annotations

import bisect
from msgspec.structs import replace

from docdiff.model import Comparator
from docdiff.regex_cache import compile_regex
from docdiff.targets.candidates import (
    candidate_quantities,
    clause_bounds,
    is_cjk,
)
from docdiff.targets.counted import Around, counted_after, verb_of
from docdiff.targets.drafts import (
    CONTEXT_CHARS,
    ITEM_SEP,
    Draft,
    suffix_len_at,
    text_after,
)
from docdiff.targets.memo import memo
from docdiff.targets.numbers import Quantity
from docdiff.targets.rules import (
    ACTION_VERB_SET,
    ACTION_VERBS,
    TRAILING_VERB_SET,
    FirstWord,
    comparator_for,
    leading_verb,
    strip_indicator,
)
from docdiff.targets.value_lists import distribute, read_value_list, value_lists

_SEPARATOR_WORDS = ("和", "与", "及", "或", "、", "以及", "至", "且", "并", "为")
_SHARED_BEFORE_RE = compile_regex(r"(?:分别|(?<![亩人年户村平日月生校床])均)[^\d,，;；、]{0,6}$")


CHANGE_TAIL_RE = compile_regex(r"(?:增长|增速|下降|降低|提高|提升|减少|增加)$")
# An indicator is read from at most this many characters before its value. The longest gold
# indicator is 21 characters and the longest stretch the corpus reads is 42; a sentence of
# thousands of values without a separator would otherwise have the whole stretch before each
# value re-read (quadratic). Past this, no reading of the start makes a better indicator.
_REGION_WINDOW = 80
_SUBSIDY_RE = compile_regex(r"奖励|奖补|补助|补贴|资助|给予|贴息")
# 补助标准提高30元, 奖补资金5000万元: a standard or a budget is a goal, a payment to one firm is not
_SUBSIDY_LEVEL_RE = compile_regex(r"标准|资金|规模|总额")
# 最高不超过3000万元 after a subsidy: the cap of one payment
_CAP_RE = compile_regex(r"(?:最高|最多|单[个项笔家户]|每[个项家户人])")
# …4.4万亿元、比上年增加5000亿元: the change from last year restates the value before it
_DELTA_RE = compile_regex(r"(?:比|较)(?:上年|去年|上一年)(?:增加|提高|减少|下降|降低|增长|多|少)?")
_BARE_CHANGE_RE = compile_regex(r"(?:年均|每年|年|同比|比上年|较上年)?(?:增长|增速|下降|降低|提高|提升|减少|增加)")
_ITEM_SPLIT_RE = compile_regex(r"[、和及]")
_SHARE_WORD_RE = compile_regex(r"^(?:分别|均)")
_MAGNITUDE_PREFIX_RE = compile_regex(r"^(?:万亿|千万|百万|十万|万|亿)")
_COMPARED_PREFIX_RE = compile_regex(r"^(?:同比|比上年|较上年)")


def _lead_action(text: str) -> str:
    """The action verb a clause opens with (after fillers): '加快实施47项…' → '实施'."""
    return _ACTION.starting(strip_indicator(text))


_ACTION = FirstWord(ACTION_VERBS)


def read_sentence(text: str) -> list[Draft]:
    """Number → indicator, value, unit, comparator for one goal sentence. (Within a
    ``shared_readings`` block a sentence read before is not read again: a reading depends on the
    sentence's text alone.)"""
    readings = memo("readings")
    if readings is None:
        return _read(text)
    found = readings.get(text)
    if found is None:
        found = readings[text] = _read(text)
    return list(found)


def _read(text: str) -> list[Draft]:
    quants = candidate_quantities(text)
    starts = [q.start for q in quants]
    subsidy_text: bool | None = None  # whether the sentence speaks of a subsidy, read once if asked
    drafts: list[Draft] = []
    consumed: set[int] = set()
    for run in value_lists(text, quants):
        drafts.extend(read_value_list(text, quants, run, consumed))
    region_start, last_clause, lead_verb = 0, -1, ""
    for i, q in enumerate(quants):
        c_start, c_end = clause_bounds(text, q.start)
        if c_start != last_clause:
            region_start, last_clause = c_start, c_start
            lead_verb = _lead_action(text[c_start:q.start])
        if i in consumed:
            region_start = max(region_start, q.end + suffix_len_at(text, q.end))
            continue
        unit = _unit(q, text)
        after_pos = q.end + (1 if unit != q.unit else 0)  # 五百亿级: 级 is read with the number
        after_pos += suffix_len_at(text, after_pos)
        nxt_pos = after_pos + (1 if text[after_pos : after_pos + 1] == "的" else 0)
        nxt = text[nxt_pos : nxt_pos + 1]
        followed_by_noun = bool(nxt) and (is_cjk(nxt) or nxt.isalnum() or nxt in "“(") and not text.startswith(
            _SEPARATOR_WORDS, after_pos)
        if q.unit == "倍" and not q.chinese:
            followed_by_noun = False  # 翻一番 ends its phrase
        read_from = _read_start(text, region_start, q.start)
        region = text[read_from : q.start]
        core = strip_indicator(region)
        comp = comparator_for(text[max(0, q.start - 3) : q.start], text_after(text, q.end))
        if comp == Comparator.EQ:
            verb = verb_of(region.rstrip(" "))
            if verb:  # 至少建成1家: the cue stands before the verb
                cut = q.start - (len(region) - len(region.rstrip(" "))) - len(verb)
                comp = comparator_for(text[max(0, cut - 3) : cut], "")
        if unit != q.unit:
            comp = Comparator.GE  # 五百亿级: at least that size
        if followed_by_noun:
            # the clause's later numbers: starts[i + 1 : later_end], its end found by bisection
            later_end = bisect.bisect_left(starts, c_end, i + 1)
            tail = strip_indicator(_ITEM_SPLIT_RE.split(region)[-1]) if region else ""
            found = counted_after(Around(text=text, region=region, core=core, tail=tail, unit=unit,
                                           sized=unit != q.unit, after_pos=after_pos, noun_pos=nxt_pos,
                                           c_start=c_start, c_end=c_end, starts=starts, later_start=i + 1,
                                           later_end=later_end, lead_verb=lead_verb))
            if found is None:
                continue
            indicator, end = found
            span_start = read_from
        else:
            indicator, end = core, after_pos
            span_start = read_from
            if drafts and drafts[-1].end <= q.start:
                indicator = _same_subject(indicator, drafts[-1].indicator)
            if not indicator or indicator in TRAILING_VERB_SET:
                continue
        if not indicator:
            continue
        if _SUBSIDY_RE.search(indicator) and not _SUBSIDY_LEVEL_RE.search(indicator):
            continue  # 给予一次性奖励50万元: a policy's payment, not a goal
        if _CAP_RE.fullmatch(indicator):
            if subsidy_text is None:
                subsidy_text = bool(_SUBSIDY_RE.search(text))
            if subsidy_text:
                continue  # …给予补助,最高不超过3000万元: the cap of one payment
        if drafts and _is_delta(text, region, drafts[-1], unit):
            continue
        shown_from = _text_start(text, span_start, q.start, indicator)
        # 实施…步道建设项目,全长37公里: 全长 stays 全长 — an indicator never runs back across a
        # clause mark (the project's clause, or 综合考虑…,赤字率拟按4%安排's motive, is another clause)
        if drafts and indicator in ACTION_VERB_SET and _base_unit(unit) == _base_unit(drafts[-1].unit):
            # 新开工保障性租赁住房5000套、筹集2.2万套: the verb alone counts the same thing
            indicator += _object_of(drafts[-1].indicator)
        elif drafts:
            indicator = _shared_verb(text, indicator, unit, drafts[-1], lead_verb, c_start) + indicator
        d = Draft(indicator=indicator, value=q.value, value_high=q.value_high, unit=unit,
                   comparator=comp, start=shown_from, end=end,
                   bracketed=q.bracketed, context=_context(text, q.start, c_start, c_end))
        # 分别/均 just before the value (…班级数均达到60%): the value holds for each listed item
        near = region[-CONTEXT_CHARS:]
        shared = ("分别" in near or "均" in near) and bool(_SHARED_BEFORE_RE.search(near))
        change = _SHARE_WORD_RE.sub("", core) if shared else ""  # (core is strip_indicator(region))
        earlier = _amounts_before(drafts) if shared and _BARE_CHANGE_RE.fullmatch(change) else []
        if len(earlier) >= 2:
            # 旅游人数力争突破370万人次,旅游收入达到38亿元,分别增长20%: each amount grows by it
            drafts.extend(replace(d, indicator=CHANGE_TAIL_RE.sub("", e.indicator) + change) for e in earlier)
        else:
            drafts.extend(distribute(d, shared))
        region_start = max(after_pos, end)
    if len(drafts) > 1:
        drafts.sort(key=lambda d: d.start)
    return drafts


def _read_start(text: str, region_start: int, pos: int) -> int:
    """Where the indicator of the value at ``pos`` is read from: ``region_start``, or, when that
    lies more than _REGION_WINDOW characters back, the first list item (after a 、) in the
    window's first half — a cut there does not start the indicator in the middle of a name, and
    still leaves half the window to read."""
    start = pos - _REGION_WINDOW
    if start <= region_start:
        return region_start
    item = text.find(ITEM_SEP, start, start + _REGION_WINDOW // 2)
    return item + 1 if item >= 0 else start


def _context(text: str, pos: int, c_start: int, c_end: int) -> str:
    """Up to CONTEXT_CHARS characters of the clause before ``pos`` and what follows, 2 × CONTEXT_CHARS in all."""
    start = max(c_start, pos - CONTEXT_CHARS)
    return text[start : min(c_end, start + CONTEXT_CHARS * 2)]


def _is_delta(text: str, region: str, prev: Draft, unit: str) -> bool:
    """赤字规模5.66万亿元、比上年增加1.6万亿元: a change from last year right after a value in
    the same unit (or points after a %) restates that value; it is no target of its own."""
    if not _DELTA_RE.fullmatch(region.strip(" 、,，")):
        return False
    if text[prev.end : prev.end + len(region)].strip(" 、,，") != region.strip(" 、,，"):
        return False  # something other than the comparison stands between them
    return _base_unit(unit) == _base_unit(prev.unit) or (prev.unit == "%" and unit in ("个百分点", "百分点"))


def _base_unit(unit: str) -> str:
    """万亿元 → 元, 万人 → 人: the dimension without its magnitude."""
    return _MAGNITUDE_PREFIX_RE.sub("", unit)


def _object_of(indicator: str) -> str:
    """'新开工保障性租赁住房' → '保障性租赁住房': what a verb + noun indicator counts."""
    verb = next((v for v in ACTION_VERBS if indicator.startswith(v)), "")
    return indicator[len(verb):]


def _amounts_before(drafts: list[Draft]) -> list[Draft]:
    """The run of amounts (not rates) read last, in order: what a following 分别增长 shares out."""
    run: list[Draft] = []
    for d in reversed(drafts):
        if d.value is None or d.unit in ("%", "‰", "个百分点", "百分点", "倍"):
            break
        run.append(d)
    return run[::-1]


def _same_subject(indicator: str, previous: str) -> str:
    """An indicator that is only a verb names what the value before it named:
    地区生产总值增长20%,达到282亿元 → 地区生产总值; …突破1800亿元,年均增长6.5% → …年均增长."""
    if not indicator or indicator in TRAILING_VERB_SET or indicator in _SEPARATOR_WORDS:
        return CHANGE_TAIL_RE.sub("", previous)  # 参保率保持在90%和98%以上: 和 names nothing new
    if _BARE_CHANGE_RE.fullmatch(indicator):
        return CHANGE_TAIL_RE.sub("", previous) + _COMPARED_PREFIX_RE.sub("", indicator)
    if indicator.startswith("占") and previous:
        # …增加值突破500亿元,占GDP比重达到12%: a share of the quantity just named
        return CHANGE_TAIL_RE.sub("", previous) + indicator
    return indicator


def _shared_verb(text: str, indicator: str, unit: str, prev: Draft, lead_verb: str, c_start: int) -> str:
    """The verb an item without one inherits: from its list (新增A300家、B800家), or from the
    clause before when that counts the same way (新增A150家,B450家); '' if none."""
    if leading_verb(indicator) or indicator.startswith(ACTION_VERBS):
        return ""
    if prev.start >= c_start:
        return lead_verb or leading_verb(prev.indicator)
    if prev.unit == unit and prev.end <= c_start and not text[prev.end : c_start].strip(" ,，;；、"):
        return leading_verb(prev.indicator)
    return ""


def _text_start(text: str, region_start: int, value_start: int, indicator: str) -> int:
    """Where the shortest text holding indicator and value begins: at the indicator's first
    word if it is written before the value, else at the value."""
    region = text[region_start:value_start]
    for size in (4, 3, 2, 1):
        head = indicator[:size]
        if len(head) == size and head in region:
            return region_start + region.find(head)
    return value_start


def _unit(q: Quantity, text: str) -> str:
    if q.unit in ("万", "亿", "百亿", "千亿") and text.startswith("级", q.end):
        return q.unit + "元"  # 五百亿级产业集群: an output of 500 亿元
    return q.unit


