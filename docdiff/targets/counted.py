"""The thing counted after a number (新建2所|公立幼儿园): whether a number followed by a noun is a
target, and what its indicator is; or only a qualifier (投资5000万元以上|医疗项目9个) or a name.
"""
from __future__ import annotations

import bisect
import re

from msgspec import Struct

from docdiff.regex_cache import compile_regex
from docdiff.targets.candidates import CLAUSE_SEP, SENTENCE_END, clause_bounds
from docdiff.targets.drafts import ITEM_SEP
from docdiff.targets.rules import (
    ACTION_VERB_SET,
    ACTION_VERBS,
    COUNTING_VERBS,
    FirstWord,
    strip_indicator,
)

# A list of short names right before a count: 平桥、白鹤、坦头3个省级中心镇.
ENUMERATION_RE = compile_regex(r"[\u4e00-\u9fff“”]{1,6}(?:、[\u4e00-\u9fff“”]{1,6})+(?<!等)$")  # no 等: the list is all
# A noun that only says "the task": 完成800户的改造任务 names its task in the clause before.
_GENERIC_NOUN_RE = compile_regex(r"^[\u4e00-\u9fff]{0,3}(?:任务|目标)$")
# Examples before 等 (白云小区、巾山小区等): what is counted is named after them.
_EXAMPLES_RE = compile_regex(r"[^,，、:：;；]{1,12}(?:、[^,，、:：;；]{1,12})*等")
# Lists are matched in a bounded window before the number, so that a pathological line of
# thousands of 、-items stays linear; real lists of names are far shorter.
LIST_WINDOW = 120
# An amount followed by what it is for: …国债3000亿元支持消费品以旧换新
_PURPOSE_AFTER = r"(?:重点|专项|主要)?(?:支持|用于|支撑|撬动|带动|引导|投向)"


class Around(Struct, frozen=True):
    """What surrounds a number that a noun follows (新建2所|公立幼儿园)."""

    text: str
    region: str  # from the clause (or the previous value) up to the number
    core: str  # region without fillers and trailing verbs
    tail: str  # the last 、/和 item of the region, likewise stripped
    unit: str
    sized: bool  # 五百亿级: a size class, not an amount
    after_pos: int  # after the unit and any 以上/左右
    noun_pos: int  # where the noun starts (after 的)
    c_start: int
    c_end: int
    starts: list[int]  # starts of the sentence's numbers; the clause's later ones are
    later_start: int  # starts[later_start : later_end] (indices, so that no list is copied per number)
    later_end: int
    lead_verb: str


def counted_after(a: Around) -> tuple[str, int] | None:
    """(indicator, end) for a number followed by a noun, or None when the number only qualifies
    or names something: 投资5000万元以上|医疗项目9个, 中核三门200兆瓦滩涂光伏."""
    text = a.text
    has_later = a.later_start < a.later_end
    noun_end = _noun_end(text, a.noun_pos, a.c_end, a.starts, a.later_start, a.later_end)
    if has_later and noun_end == a.starts[a.later_start]:
        return None  # a qualifier of what is counted next
    noun = text[a.noun_pos : noun_end]
    if not noun or ENUMERATION_RE.search(a.region[-LIST_WINDOW:]):
        return None  # 路南、新桥、蓬街3个分院: counts the names just listed
    bare = _is_bare(a.tail) or _is_bare(a.core)
    then_de = text[a.after_pos : a.after_pos + 1] == "的"
    if re.match(r"台阶|大关|关口", noun):
        return a.core, noun_end  # 跃上万亿元台阶
    if a.sized:
        # 汽车整车及零部件,以打造五百亿级产业集群为目标: the size of a cluster named before
        noun = re.sub(r"为目标$|的目标$", "", noun)
        if not bare or not re.search(r"(?:集群|体量|规模)$", noun):
            return None
        prev = text[: a.c_start].rstrip(",，")
        p_start = max(prev.rfind(c) for c in CLAUSE_SEP + SENTENCE_END) + 1
        if 0 < len(prev) - p_start <= 12 and not any(ch.isdigit() for ch in prev[p_start:]):
            return prev[p_start:] + noun, noun_end
        return noun, noun_end
    if bare:
        verb = verb_of(a.tail) or a.lead_verb
        noun = re.sub(r"为目标$|的目标$", "", noun)
        if _GENERIC_NOUN_RE.match(noun.lstrip("的")):
            # 继续推进棚户区改造,完成800户的改造任务: the task was named just before
            named = _previous_object(text, a.c_start)
            if named:
                return named, noun_end
        return (verb if not noun.startswith(verb) else "") + noun, noun_end
    if noun == "安排":
        return a.core, noun_end  # 赤字率拟按4%左右安排: the rate is set at the value
    if re.match(_PURPOSE_AFTER, noun):
        return a.core, a.after_pos  # …国债3000亿元支持消费品以旧换新: what it is for follows
    if has_later:
        return None
    verb_first = a.core.startswith(ACTION_VERBS) or a.core.endswith(ACTION_VERBS)
    if verb_first or (then_de and a.core != a.region.strip(" ,，")):
        # 解决上市企业29个困难问题, 保持不少于5000亩的工业熟地: verb + what is counted;
        # 修缮谢家里、刘家里等37处历史建筑: the examples before 等 are no part of the name
        verb = next((v for v in ACTION_VERBS if a.core.startswith(v)), "")
        return verb + _drop_examples(a.core[len(verb):]) + noun.lstrip("的"), noun_end
    if a.unit in ("%", "‰"):
        return a.core + noun.lstrip("的"), noun_end  # 设施100%纳入地图
    if then_de:
        return a.core, a.after_pos  # 经营性收入10万元以上的行政村…: the value of what was named
    return None  # 中核三门200兆瓦滩涂光伏: part of a name


def _previous_object(text: str, c_start: int) -> str:
    """The object of the clause before ``c_start`` without its verb: '继续推进棚户区改造' → '棚户区改造'."""
    if c_start == 0:
        return ""
    p_start, _ = clause_bounds(text, c_start - 1)
    prev = strip_indicator(text[p_start : c_start - 1])
    if not prev or any(ch.isdigit() for ch in prev) or len(prev) > 16:
        return ""
    for v in ACTION_VERBS:
        if prev.startswith(v) and len(prev) > len(v) + 1:
            return prev[len(v):]
    return prev


def _drop_examples(core: str) -> str:
    """'白云小区、巾山小区等老旧小区' → '老旧小区' (within the bounded window before the name)."""
    if "等" not in core:
        return core
    head, tail = core[:-LIST_WINDOW], core[-LIST_WINDOW:]
    return head + _EXAMPLES_RE.sub("", tail)


def _is_bare(text: str) -> bool:
    """Only a verb (or nothing) before a number: the thing counted is written after it."""
    return not text or len(text) <= 2 or text in ACTION_VERB_SET or (
        len(text) <= 5 and text.endswith(ACTION_VERBS + COUNTING_VERBS))


def verb_of(text: str) -> str:
    """The action or counting verb ``text`` ends with, or '' (the first of ACTION_VERBS, then
    COUNTING_VERBS, in their order)."""
    return _VERB.ending(text)


_VERB = FirstWord(ACTION_VERBS + COUNTING_VERBS)


def _noun_end(text: str, pos: int, clause_end: int, starts: list[int], lo: int, hi: int) -> int:
    """End of the noun phrase after a number (新建2所|公立幼儿园): up to a separator or number.

    The clause's later numbers start at ``starts[lo:hi]`` (sorted)."""
    k = bisect.bisect_left(starts, pos, lo, hi)  # the first later number at or after pos
    next_number = starts[k] if k < hi else None
    stop = clause_end if next_number is None else min(clause_end, next_number)
    end, depth = pos, 0
    while end < stop and (depth or text[end] not in ITEM_SEP + CLAUSE_SEP + SENTENCE_END):
        # (end + 1 > pos, and no later number starts in (pos, stop): only the next one can follow)
        if text[end] in "(（":
            depth += 1  # 100个县(市、区): a 、 inside brackets ends nothing
        elif text[end] in ")）" and depth:
            depth -= 1
        elif text[end] in "和及与或且并" and end + 1 == next_number:
            break  # 34个工业园区和29个…: the next item starts
        end += 1
    return end
